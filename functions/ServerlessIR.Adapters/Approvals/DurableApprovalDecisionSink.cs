using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Approvals;

/// <summary>
/// Raises a decision on the incident's orchestration (instance ID = incident ID). A step decision goes under its own
/// event name (<see cref="ApprovalDecision.EventName"/>, <c>approval:{action}:{tier}</c>), which only the gate for that
/// tier waits on; a submitted notice goes as the incident's general event, because the clock watcher waits on that one.
/// </summary>
public sealed class DurableApprovalDecisionSink : IApprovalDecisionSink
{
    private readonly DurableTaskClient client;

    public DurableApprovalDecisionSink(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
    }

    public async Task RaiseIncidentEventAsync(string incidentId, IncidentEvent incidentEvent, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(incidentEvent);
        await EnsureRunningAsync(incidentId, ct);
        await client.RaiseEventAsync(incidentId, IncidentEvent.Name, incidentEvent, ct);
    }

    public async Task RaiseDecisionAsync(ApprovalDecision decision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await EnsureRunningAsync(decision.IncidentId, ct);
        if (decision.Purpose == ApprovalPurpose.Notice)
        {
            await client.RaiseEventAsync(decision.IncidentId, IncidentEvent.Name, new NoticeSubmittedEvent(decision), ct);
        }
        else
        {
            await client.RaiseEventAsync(decision.IncidentId, decision.EventName, decision, ct);
        }
    }

    private async Task EnsureRunningAsync(string incidentId, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(incidentId, ct);
        if (instance is null || instance.IsCompleted)
        {
            // Thrown so the handler gives the token back and says nothing was recorded.
            throw new InvalidOperationException($"Incident {incidentId} is not running.");
        }
    }
}
