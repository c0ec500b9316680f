using Microsoft.DurableTask;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core;

/// <summary>Every orchestrator and activity of the pipeline, registered once for the local host and the tests.</summary>
public static class ServerlessIRTasks
{
    public static DurableTaskRegistry AddServerlessIRTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<IncidentOrchestrator>();
        registry.AddActivity<PlanIncidentActivity>();
        registry.AddActivity<AppendEvidenceActivity>();
        registry.AddActivity<AnchorEvidenceActivity>();
        registry.AddActivity<RecordIncidentActivity>();
        registry.AddActivity<SendEmailActivity>();
        registry.AddActivity<RevokeSalesforceOAuthTokensActivity>();
        registry.AddActivity<PreserveSalesforceEventLogsActivity>();
        registry.AddActivity<EndSalesforceSessionsActivity>();
        registry.AddActivity<FreezeSalesforceUserActivity>();
        registry.AddActivity<UnfreezeSalesforceUserActivity>();
        registry.AddActivity<RemoveSalesforceAiPermissionsActivity>();
        registry.AddActivity<RestoreSalesforceAiPermissionsActivity>();
        registry.AddActivity<EnableBreakGlassPolicyActivity>();
        registry.AddActivity<DisableBreakGlassPolicyActivity>();
        registry.AddActivity<RotateKeyVaultSecretActivity>();
        registry.AddActivity<SwitchAiFeatureToFallbackActivity>();
        registry.AddActivity<SwitchAiFeatureToPrimaryActivity>();
        registry.AddActivity<RequestApprovalActivity>();
        registry.AddActivity<DraftNoticeActivity>();
        registry.AddActivity<HandOffDataSubjectNoticeActivity>();
        return registry;
    }
}
