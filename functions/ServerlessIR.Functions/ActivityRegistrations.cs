using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Functions;

/// <summary>The Core activity classes, resolved from DI by the thin <c>[Function]</c> wrappers.</summary>
public static class ActivityRegistrations
{
    public static IServiceCollection AddActivityClasses(this IServiceCollection services) => services
        .AddTransient<PlanIncidentActivity>()
        .AddTransient<AppendEvidenceActivity>()
        .AddTransient<AnchorEvidenceActivity>()
        .AddTransient<RecordIncidentActivity>()
        .AddTransient<SendEmailActivity>()
        .AddTransient<RevokeSalesforceOAuthTokensActivity>()
        .AddTransient<PreserveSalesforceEventLogsActivity>()
        .AddTransient<EndSalesforceSessionsActivity>()
        .AddTransient<FreezeSalesforceUserActivity>()
        .AddTransient<UnfreezeSalesforceUserActivity>()
        .AddTransient<RemoveSalesforceAiPermissionsActivity>()
        .AddTransient<RestoreSalesforceAiPermissionsActivity>()
        .AddTransient<EnableBreakGlassPolicyActivity>()
        .AddTransient<DisableBreakGlassPolicyActivity>()
        .AddTransient<RotateKeyVaultSecretActivity>()
        .AddTransient<SwitchAiFeatureToFallbackActivity>()
        .AddTransient<SwitchAiFeatureToPrimaryActivity>()
        .AddTransient<RequestApprovalActivity>()
        .AddTransient<DraftNoticeActivity>()
        .AddTransient<HandOffDataSubjectNoticeActivity>();
}
