using Microsoft.Azure.Functions.Worker;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Functions;

/// <summary>
/// Thin wrappers for the people-in-the-loop activities: approval requests, notice drafts and the data-subject hand-off.
/// Each delegates to the Core class of the same name, as <see cref="IncidentFunctions"/> does for the rest.
/// </summary>
public sealed class PeopleFunctions(
    RequestApprovalActivity requestApproval,
    DraftNoticeActivity draftNotice,
    HandOffDataSubjectNoticeActivity handOff)
{
    [Function(nameof(RequestApprovalActivity))]
    public Task<ApprovalRequestResult> RequestApproval([ActivityTrigger] ApprovalRequestInput input, FunctionContext function) =>
        requestApproval.RunFromFunctionAsync(input, function);

    [Function(nameof(DraftNoticeActivity))]
    public Task<NoticeDraftResult> DraftNotice([ActivityTrigger] NoticeDraftRequest input, FunctionContext function) =>
        draftNotice.RunFromFunctionAsync(input, function);

    [Function(nameof(HandOffDataSubjectNoticeActivity))]
    public Task<BulkHandOffResult> HandOff([ActivityTrigger] BulkHandOffRequest input, FunctionContext function) =>
        handOff.RunFromFunctionAsync(input, function);
}
