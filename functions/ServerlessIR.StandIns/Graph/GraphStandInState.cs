using System.Collections.Concurrent;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.StandIns.Graph;

/// <summary>
/// The stand-in's directory (users, groups) and everything it received. Thread-safe: Kestrel serves requests in
/// parallel while a drill or test reads <see cref="Messages"/>.
/// </summary>
public sealed class GraphStandInState
{
    private readonly ConcurrentDictionary<string, StandInUser> users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlyList<StandInUser>> groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RecordedMessage> messages = [];
    private readonly Lock gate = new();

    public GraphStandInState(TimeProvider? time = null) => Time = time ?? TimeProvider.System;

    public TimeProvider Time { get; }

    /// <summary>A snapshot of what was received, oldest first.</summary>
    public IReadOnlyList<RecordedMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return messages.ToList();
            }
        }
    }

    /// <summary>
    /// Adds a user reachable by UPN and by an ID: <paramref name="objectId"/> when given (the playbook's, so the directory
    /// and the playbook agree on who is who), else a stable ID derived from the UPN (so runs are repeatable).
    /// </summary>
    public StandInUser AddUser(string userPrincipalName, string? objectId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userPrincipalName);
        if (users.TryGetValue(userPrincipalName, out var existing))
        {
            return existing;
        }
        var id = objectId ?? new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userPrincipalName.ToUpperInvariant())).AsSpan(0, 16)).ToString();
        var user = new StandInUser(id, userPrincipalName, userPrincipalName);
        users[userPrincipalName] = user;
        users[id] = user;
        return user;
    }

    /// <summary>Adds a group and its members (added as users too).</summary>
    public void AddGroup(string groupId, IEnumerable<string> memberUpns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentNullException.ThrowIfNull(memberUpns);
        groups[groupId] = memberUpns.Select(upn => AddUser(upn)).ToList();
    }

    /// <summary>
    /// Seeds the directory from a playbook: the notification mailbox, DPO, security contact, AI system owners, and each
    /// approval tier's group with its listed approvers as members.
    /// </summary>
    public GraphStandInState SeedFrom(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        foreach (var person in playbook.Approvals.Tiers.SelectMany(t => t.ListedApprovers)
            .Concat(new[] { playbook.Organisation.Dpo, playbook.Organisation.SecurityContact }.OfType<Contact>().Select(c => new Core.Approvals.Approver(c.Email, c.ObjectId)))
            .Where(p => p.ObjectId is not null))
        {
            AddUser(person.Upn, person.ObjectId);
        }
        AddUser(playbook.Organisation.NotificationSender);
        AddUser(playbook.Organisation.Dpo.Email);
        if (playbook.Organisation.SecurityContact is { } soc)
        {
            AddUser(soc.Email);
        }
        foreach (var owner in playbook.AiSystems.SelectMany(s => s.Owners))
        {
            AddUser(owner.Email);
        }
        foreach (var tier in playbook.Approvals.Tiers)
        {
            foreach (var approver in tier.Approvers)
            {
                AddUser(approver);
            }
            if (!string.IsNullOrWhiteSpace(tier.EntraGroupId))
            {
                AddGroup(tier.EntraGroupId, tier.Approvers);
            }
        }
        if (playbook.Notifications.DpoReviewAddress is { } review)
        {
            AddUser(review);
        }
        return this;
    }

    public StandInUser? FindUser(string idOrUpn) => users.GetValueOrDefault(idOrUpn);

    public IReadOnlyList<StandInUser>? FindGroup(string groupId) => groups.GetValueOrDefault(groupId);

    public void Clear()
    {
        lock (gate)
        {
            messages.Clear();
        }
    }

    internal void Record(RecordedMessage message)
    {
        lock (gate)
        {
            messages.Add(message);
        }
    }
}
