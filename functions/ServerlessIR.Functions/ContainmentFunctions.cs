using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Functions;

/// <summary>
/// Thin wrappers for the step gate, the containment activities and their compensations, kept apart from <see cref="IncidentFunctions"/> so
/// each wrapper resolves only the activity it runs. Each delegates to the Core class of the same name.
/// </summary>
public sealed class ContainmentFunctions(IServiceProvider services)
{
    [Function(nameof(DecideStepGateActivity))]
    public Task<StepGateDecision> DecideStepGate([ActivityTrigger] StepGateInput input, FunctionContext function) =>
        services.GetRequiredService<DecideStepGateActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(DecideStepGatesActivity))]
    public Task<IReadOnlyList<StepGateDecision>> DecideStepGates([ActivityTrigger] IReadOnlyList<StepGateInput> input, FunctionContext function) =>
        services.GetRequiredService<DecideStepGatesActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(PreserveSalesforceEventLogsActivity))]
    public Task<ContainmentOutcome> PreserveEventLogs([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<PreserveSalesforceEventLogsActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(EndSalesforceSessionsActivity))]
    public Task<ContainmentOutcome> EndSessions([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<EndSalesforceSessionsActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(FreezeSalesforceUserActivity))]
    public Task<ContainmentOutcome> FreezeUser([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<FreezeSalesforceUserActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(UnfreezeSalesforceUserActivity))]
    public Task<ContainmentOutcome> UnfreezeUser([ActivityTrigger] ContainmentCompensation input, FunctionContext function) =>
        services.GetRequiredService<UnfreezeSalesforceUserActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(RemoveSalesforceAiPermissionsActivity))]
    public Task<ContainmentOutcome> RemoveAiPermissions([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<RemoveSalesforceAiPermissionsActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(RestoreSalesforceAiPermissionsActivity))]
    public Task<ContainmentOutcome> RestoreAiPermissions([ActivityTrigger] ContainmentCompensation input, FunctionContext function) =>
        services.GetRequiredService<RestoreSalesforceAiPermissionsActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(EnableBreakGlassPolicyActivity))]
    public Task<ContainmentOutcome> EnableBreakGlassPolicy([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<EnableBreakGlassPolicyActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(DisableBreakGlassPolicyActivity))]
    public Task<ContainmentOutcome> DisableBreakGlassPolicy([ActivityTrigger] ContainmentCompensation input, FunctionContext function) =>
        services.GetRequiredService<DisableBreakGlassPolicyActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(RotateKeyVaultSecretActivity))]
    public Task<ContainmentOutcome> RotateSecret([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<RotateKeyVaultSecretActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(SwitchAiFeatureToFallbackActivity))]
    public Task<ContainmentOutcome> SwitchToFallback([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        services.GetRequiredService<SwitchAiFeatureToFallbackActivity>().RunFromFunctionAsync(input, function);

    [Function(nameof(SwitchAiFeatureToPrimaryActivity))]
    public Task<ContainmentOutcome> SwitchToPrimary([ActivityTrigger] ContainmentCompensation input, FunctionContext function) =>
        services.GetRequiredService<SwitchAiFeatureToPrimaryActivity>().RunFromFunctionAsync(input, function);
}
