namespace ServerlessIR.Core.Approvals;

/// <summary>Delivers a decision to the incident's orchestration (in both hosts: an external event through DurableTaskClient).</summary>
public interface IApprovalDecisionSink
{
    Task RaiseDecisionAsync(ApprovalDecision decision, CancellationToken ct);

    /// <summary>Raises a seconded dual-control request's event on the running incident; throws when the incident is not running.</summary>
    Task RaiseIncidentEventAsync(string incidentId, Incidents.IncidentEvent incidentEvent, CancellationToken ct);
}
