using Microsoft.Azure.Functions.Worker;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Functions;

/// <summary>
/// The incident's updates to people (docs/lifecycle.md#status-updates): status posts on the playbook's cadence, the
/// executive brief, the follow-up card after a decision. One activity sends all three; this delegates to it.
/// </summary>
public sealed class StatusFunctions(PostIncidentUpdateActivity post)
{
    [Function(nameof(PostIncidentUpdateActivity))]
    public Task<IncidentUpdateResult> PostIncidentUpdate([ActivityTrigger] IncidentUpdateRequest input, FunctionContext function) =>
        post.RunFromFunctionAsync(input, function);
}
