using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Who may act on an incident's undo, hold and facts routes, as requester or as second person: every tier's approvers
/// (Entra group members, else the listed ones), the DPO and the security contact, matched by object ID; or anyone holding
/// the playbook's <see cref="ApprovalPolicy.AppRole"/>. A caller whose UPN matches but whose object ID does not is not one.
/// </summary>
public sealed class Responders(IPlaybookProvider playbooks, TierApprovers approvers)
{
    /// <summary>Everyone who may act, by object ID (people the playbook gives no object ID are left out: they cannot decide).</summary>
    public async Task<IReadOnlyList<Approver>> ResolveAsync(CancellationToken cancellationToken = default)
    {
        var playbook = playbooks.Current;
        var people = new List<Approver>();
        foreach (var tier in playbook.Approvals.Tiers)
        {
            people.AddRange(await approvers.ResolvePeopleAsync(tier, cancellationToken));
        }
        people.AddRange(Contacts(playbook));
        return [.. people.Where(p => !string.IsNullOrWhiteSpace(p.ObjectId)).DistinctBy(p => p.ObjectId, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Whether <paramref name="caller"/> may act: by object ID, or by the playbook's app role.</summary>
    public async Task<bool> IsAllowedAsync(CallerIdentity caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (playbooks.Current.Approvals.AppRole is { Length: > 0 } role && caller.Roles.Contains(role, StringComparer.Ordinal))
        {
            return true;
        }
        return caller.ObjectId is { Length: > 0 } oid
            && (await ResolveAsync(cancellationToken)).Any(p => string.Equals(p.ObjectId, oid, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The object ID the playbook gives a person, or null. Only the local host's sign-in uses it, as its stand-in for
    /// Entra ID: there the playbook is the directory. In Azure the object ID comes from the signed-in principal.
    /// </summary>
    public static string? ObjectIdOf(Playbook playbook, string upn)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        return playbook.Approvals.Tiers.SelectMany(t => t.ListedApprovers).Concat(Contacts(playbook))
            .FirstOrDefault(p => p.ObjectId is not null && string.Equals(p.Upn, upn, StringComparison.OrdinalIgnoreCase))?.ObjectId;
    }

    private static IEnumerable<Approver> Contacts(Playbook playbook) =>
        new[] { playbook.Organisation.Dpo, playbook.Organisation.SecurityContact }.OfType<Contact>().Select(c => new Approver(c.Email, c.ObjectId));
}
