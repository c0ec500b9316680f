namespace ServerlessIR.Core.Incidents;

/// <summary>A person's finding, posted to <c>POST /api/incidents/{id}/false-positive</c>, that the incident was no breach.</summary>
/// <param name="DeclaredBy">The listed approver who declared it.</param>
/// <param name="Reason">Why it is a false positive; required, kept in the evidence.</param>
public sealed record FalsePositiveRequest(string DeclaredBy, string Reason)
{
    /// <summary>The requester and the different person who seconded it (dual control); recorded in the evidence.</summary>
    public Approvals.DualApproval? Approval { get; init; }
}
