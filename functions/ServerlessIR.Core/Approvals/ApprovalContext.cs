using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// What a page shows for one token, and who may act on it: by Entra object ID (<see cref="AllowedObjectIds"/>) or app
/// role (<see cref="AppRole"/>), never by name. <see cref="AllowedApprovers"/> are the UPNs, for display only.
/// </summary>
public sealed record ApprovalContext
{
    public required ApprovalBrief Incident { get; init; }
    public IReadOnlyList<string> AllowedApprovers { get; init; } = [];
    public IReadOnlyList<string> AllowedObjectIds { get; init; } = [];

    /// <summary>An app role whose holders may act too (dual-control requests only).</summary>
    public string? AppRole { get; init; }

    /// <summary>Set for notice tokens: the draft the DPO reviews.</summary>
    public NoticeDraft? Notice { get; init; }

    /// <summary>Set for dual-control tokens: the request a second person decides on.</summary>
    public DualControlRequest? Request { get; init; }

    /// <summary>The context for <paramref name="people"/>: their UPNs to show, their object IDs to decide on.</summary>
    public static ApprovalContext For(ApprovalBrief incident, IEnumerable<Approver> people)
    {
        var list = people.ToList();
        return new ApprovalContext
        {
            Incident = incident,
            AllowedApprovers = [.. list.Select(p => p.Upn).Distinct(StringComparer.OrdinalIgnoreCase)],
            AllowedObjectIds = [.. list.Select(p => p.ObjectId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)],
        };
    }

    public bool IsAllowed(CallerIdentity? caller) =>
        caller is not null
        && ((caller.ObjectId is { Length: > 0 } oid && AllowedObjectIds.Contains(oid, StringComparer.OrdinalIgnoreCase))
            || (AppRole is { Length: > 0 } role && caller.Roles.Contains(role, StringComparer.Ordinal)));
}
