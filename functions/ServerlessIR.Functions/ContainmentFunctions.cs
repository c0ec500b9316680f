using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Functions;

/// <summary>
/// Thin wrappers for the containment activities and their compensations, kept apart from <see cref="IncidentFunctions"/> so
/// each wrapper resolves only the activity it runs. Each delegates to the Core class of the same name.
/// </summary>
public sealed class ContainmentFunctions(IServiceProvider services)
{
    [Function(nameof(PreserveSalesforceEventLogsActivity))]
    public Task<ContainmentOutcome> PreserveEventLogs([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<PreserveSalesforceEventLogsActivity>().RunAsync(new FunctionActivityContext(nameof(PreserveSalesforceEventLogsActivity), function), input);

    [Function(nameof(EndSalesforceSessionsActivity))]
    public Task<ContainmentOutcome> EndSessions([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<EndSalesforceSessionsActivity>().RunAsync(new FunctionActivityContext(nameof(EndSalesforceSessionsActivity), function), input);

    [Function(nameof(FreezeSalesforceUserActivity))]
    public Task<ContainmentOutcome> FreezeUser([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<FreezeSalesforceUserActivity>().RunAsync(new FunctionActivityContext(nameof(FreezeSalesforceUserActivity), function), input);

    [Function(nameof(UnfreezeSalesforceUserActivity))]
    public Task<ContainmentOutcome> UnfreezeUser([ActivityTrigger] ContainmentCompensation input, FunctionContext function) =>
        services.GetRequiredService<UnfreezeSalesforceUserActivity>().RunAsync(new FunctionActivityContext(nameof(UnfreezeSalesforceUserActivity), function), input);

    [Function(nameof(RemoveSalesforceAiPermissionsActivity))]
    public Task<ContainmentOutcome> RemoveAiPermissions([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<RemoveSalesforceAiPermissionsActivity>().RunAsync(new FunctionActivityContext(nameof(RemoveSalesforceAiPermissionsActivity), function), input);

    [Function(nameof(RestoreSalesforceAiPermissionsActivity))]
    public Task<ContainmentOutcome> RestoreAiPermissions([ActivityTrigger] ContainmentCompensation input, FunctionContext function) =>
        services.GetRequiredService<RestoreSalesforceAiPermissionsActivity>().RunAsync(new FunctionActivityContext(nameof(RestoreSalesforceAiPermissionsActivity), function), input);

    [Function(nameof(EnableBreakGlassPolicyActivity))]
    public Task<ContainmentOutcome> EnableBreakGlassPolicy([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<EnableBreakGlassPolicyActivity>().RunAsync(new FunctionActivityContext(nameof(EnableBreakGlassPolicyActivity), function), input);

    [Function(nameof(DisableBreakGlassPolicyActivity))]
    public Task<ContainmentOutcome> DisableBreakGlassPolicy([ActivityTrigger] ContainmentCompensation input, FunctionContext function) =>
        services.GetRequiredService<DisableBreakGlassPolicyActivity>().RunAsync(new FunctionActivityContext(nameof(DisableBreakGlassPolicyActivity), function), input);

    [Function(nameof(RotateKeyVaultSecretActivity))]
    public Task<ContainmentOutcome> RotateSecret([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<RotateKeyVaultSecretActivity>().RunAsync(new FunctionActivityContext(nameof(RotateKeyVaultSecretActivity), function), input);

    [Function(nameof(SwitchAiFeatureToFallbackActivity))]
    public Task<ContainmentOutcome> SwitchToFallback([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<SwitchAiFeatureToFallbackActivity>().RunAsync(new FunctionActivityContext(nameof(SwitchAiFeatureToFallbackActivity), function), input);

    [Function(nameof(SwitchAiFeatureToPrimaryActivity))]
    public Task<ContainmentOutcome> SwitchToPrimary([ActivityTrigger] ContainmentCompensation input, FunctionContext function) =>
        services.GetRequiredService<SwitchAiFeatureToPrimaryActivity>().RunAsync(new FunctionActivityContext(nameof(SwitchAiFeatureToPrimaryActivity), function), input);
}
