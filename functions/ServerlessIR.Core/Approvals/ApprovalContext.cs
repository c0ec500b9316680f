using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Approvals;

/// <summary>What a page shows for one token, and who may act on it (UPNs, compared case-insensitively).</summary>
public sealed record ApprovalContext
{
    public required ApprovalBrief Incident { get; init; }
    public IReadOnlyList<string> AllowedApprovers { get; init; } = [];

    /// <summary>Set for notice tokens: the draft the DPO reviews.</summary>
    public NoticeDraft? Notice { get; init; }

    public bool IsAllowed(string? identity) =>
        identity is not null && AllowedApprovers.Any(a => string.Equals(a, identity, StringComparison.OrdinalIgnoreCase));
}
