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

    /// <summary>Minutes of incident time to wait for this tier before escalating to the next.</summary>
    public double TimeoutMinutes { get; init; } = 30;
}
