namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The post-incident review an incident closes with (<c>POST /api/incidents/{id}/close</c>): why it happened, what changed
/// in the controls, and an entry for the risk register of each affected AI system.
/// </summary>
public sealed record IncidentReview(string RootCause, string ControlChanges, IReadOnlyList<RiskRegisterEntry> RiskRegister, string ReviewedBy)
{
    /// <summary>The requester and the different person who seconded the closure (dual control); recorded in the evidence.</summary>
    public Approvals.DualApproval? Approval { get; init; }

    /// <summary>Incident time the incident closed with it.</summary>
    public DateTimeOffset? ClosedAt { get; init; }
}
