using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Who may decide at a tier: the Entra group's members when a group is configured and readable, else the playbook's
/// listed approvers. Falling back keeps an incident decidable when Graph is down; the fallback list is the playbook
/// owner's deliberate choice, not a widening. Each person comes with the object ID that authorizes them.
/// </summary>
public sealed class TierApprovers
{
    private readonly IApproverGroupResolver? groups;

    public TierApprovers(IApproverGroupResolver? groups = null) => this.groups = groups;

    /// <summary>The UPNs to ask.</summary>
    public async Task<IReadOnlyList<string>> ResolveAsync(ApprovalTier tier, CancellationToken cancellationToken = default) =>
        [.. (await ResolvePeopleAsync(tier, cancellationToken)).Select(p => p.Upn)];

    /// <summary>The people to ask, with their object IDs.</summary>
    public async Task<IReadOnlyList<Approver>> ResolvePeopleAsync(ApprovalTier tier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tier);
        if (groups is not null && !string.IsNullOrWhiteSpace(tier.EntraGroupId))
        {
            try
            {
                var members = await groups.GetMembersAsync(tier.EntraGroupId, cancellationToken);
                if (members.Count > 0)
                {
                    return members;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Graph unreachable or the group unreadable (the SDK's errors are not visible from Core): use the list below.
            }
        }
        return tier.ListedApprovers;
    }
}
