namespace ServerlessIR.Core.Incidents;

/// <summary>Who hears about an incident: the sending mailbox, the DPO, the AI system's owners, and the escalation tiers in order.</summary>
public sealed record NotificationRoute(string Sender, IReadOnlyList<string> Dpo, IReadOnlyList<string> Owners)
{
    /// <summary>The playbook's approval tiers, first to last; the last is the executive tier a missed deadline goes to.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Tiers { get; init; } = [];

    /// <summary>The executive tier (the last), or the DPO when the playbook has no tiers.</summary>
    public IReadOnlyList<string> Executives => Tiers.Count > 0 ? Tiers[^1] : Dpo;

    /// <summary>Tier <paramref name="index"/> (0-based), clamped to the last.</summary>
    public IReadOnlyList<string> Tier(int index) => Tiers.Count == 0 ? Dpo : Tiers[Math.Clamp(index, 0, Tiers.Count - 1)];
}
