using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion.Correlation;
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
    JournalIncidentActivity journalIncident,
    TakeJoinedSignalsActivity takeJoinedSignals,
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
        plan.RunFromFunctionAsync(input, function);

    [Function(nameof(AppendEvidenceActivity))]
    public Task<string> AppendEvidence([ActivityTrigger] EvidenceAppend input, FunctionContext function) =>
        appendEvidence.RunFromFunctionAsync(input, function);

    [Function(nameof(AnchorEvidenceActivity))]
    public Task<AnchorResult> AnchorEvidence([ActivityTrigger] AnchorRequest input, FunctionContext function) =>
        anchorEvidence.RunFromFunctionAsync(input, function);

    [Function(nameof(RecordIncidentActivity))]
    public Task<bool> RecordIncident([ActivityTrigger] IncidentSummary input, FunctionContext function) =>
        recordIncident.RunFromFunctionAsync(input, function);

    [Function(nameof(JournalIncidentActivity))]
    public Task<JournalResult> JournalIncident([ActivityTrigger] JournalRequest input, FunctionContext function) =>
        journalIncident.RunFromFunctionAsync(input, function);

    [Function(nameof(TakeJoinedSignalsActivity))]
    public Task<JoinBatch> TakeJoinedSignals([ActivityTrigger] TakeJoinedSignalsRequest input, FunctionContext function) =>
        takeJoinedSignals.RunFromFunctionAsync(input, function);

    [Function(nameof(SendEmailActivity))]
    public Task<bool> SendEmail([ActivityTrigger] NotificationRequest input, FunctionContext function) =>
        sendEmail.RunFromFunctionAsync(input, function);

    [Function(nameof(RevokeSalesforceOAuthTokensActivity))]
    public Task<ContainmentOutcome> RevokeTokens([ActivityTrigger] ContainmentRequest input, FunctionContext function) =>
        revokeTokens.RunFromFunctionAsync(input, function);
}
