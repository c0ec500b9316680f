using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Functions;

/// <summary>
/// Thin wrappers: each <c>[Function]</c> delegates to the Core class of the same name, so the Functions app and the local host
/// run the same orchestrator and activities. (The Durable Task source generator is not available, so these are by hand.)
/// </summary>
public sealed class IncidentFunctions(
    PlanIncidentActivity plan,
    AppendEvidenceActivity appendEvidence,
    AnchorEvidenceActivity anchorEvidence,
    RecordIncidentActivity recordIncident,
    SendEmailActivity sendEmail,
    RevokeSalesforceOAuthTokensActivity revokeTokens)
{
    [Function(nameof(IncidentOrchestrator))]
    public static Task<IncidentSummary> RunIncident([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new IncidentOrchestrator().RunAsync(context, context.GetInput<IncidentInput>()!);
    }

    [Function(nameof(PlanIncidentActivity))]
    public Task<IncidentPlan> Plan([ActivityTrigger] PlanIncidentInput input, FunctionContext function) =>
        plan.RunAsync(new FunctionActivityContext(nameof(PlanIncidentActivity), function), input);

    [Function(nameof(AppendEvidenceActivity))]
    public Task<string> AppendEvidence([ActivityTrigger] EvidenceAppend input, FunctionContext function) =>
        appendEvidence.RunAsync(new FunctionActivityContext(nameof(AppendEvidenceActivity), function), input);

    [Function(nameof(AnchorEvidenceActivity))]
    public Task<AnchorResult> AnchorEvidence([ActivityTrigger] AnchorRequest input, FunctionContext function) =>
        anchorEvidence.RunAsync(new FunctionActivityContext(nameof(AnchorEvidenceActivity), function), input);

    [Function(nameof(RecordIncidentActivity))]
    public Task<bool> RecordIncident([ActivityTrigger] IncidentSummary input, FunctionContext function) =>
        recordIncident.RunAsync(new FunctionActivityContext(nameof(RecordIncidentActivity), function), input);

    [Function(nameof(SendEmailActivity))]
    public Task<bool> SendEmail([ActivityTrigger] NotificationRequest input, FunctionContext function) =>
        sendEmail.RunAsync(new FunctionActivityContext(nameof(SendEmailActivity), function), input);

    [Function(nameof(RevokeSalesforceOAuthTokensActivity))]
    public Task<ContainmentOutcome> RevokeTokens([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        revokeTokens.RunAsync(new FunctionActivityContext(nameof(RevokeSalesforceOAuthTokensActivity), function), input);
}
