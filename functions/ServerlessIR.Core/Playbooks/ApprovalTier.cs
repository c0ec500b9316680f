namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// One rung of the approval ladder. <see cref="EntraGroupId"/> names the approvers in Azure; <see cref="Approvers"/>
/// (UPNs) is who may decide locally, and the fallback when the group cannot be read.
/// </summary>
public sealed record ApprovalTier
{
    public required string Name { get; init; }
    public string? EntraGroupId { get; init; }
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>
    /// The Entra object ID of each listed approver (UPN to <c>oid</c>): who may decide is matched on it, never on the
    /// UPN. Members of <see cref="EntraGroupId"/> bring their own object IDs from Graph.
    /// </summary>
    public IReadOnlyDictionary<string, string> ApproverObjectIds { get; init; } = new Dictionary<string, string>();

    /// <summary>The listed approvers with their object IDs (none where the playbook gives none).</summary>
    public IReadOnlyList<Approvals.Approver> ListedApprovers =>
        [.. Approvers.Select(upn => new Approvals.Approver(upn,
            ApproverObjectIds.FirstOrDefault(p => string.Equals(p.Key, upn, StringComparison.OrdinalIgnoreCase)).Value))];

    /// <summary>Minutes of incident time to wait for this tier before escalating to the next.</summary>
    public double TimeoutMinutes { get; init; } = 30;
}
