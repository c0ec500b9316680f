namespace ServerlessIR.Core.Playbooks;

/// <summary>The controller: who it is, who its DPO is, and which regimes its status brings in.</summary>
public sealed record Organisation
{
    public required string Controller { get; init; }
    public required Contact Dpo { get; init; }
    public Contact? SecurityContact { get; init; }
    public string? EuMainEstablishment { get; init; }
    public string? LeadSupervisoryAuthority { get; init; }
    public bool Nis2Entity { get; init; }
    public bool DoraEntity { get; init; }
    public bool SecRegistrant { get; init; }
    public bool HipaaCoveredEntity { get; init; }

    /// <summary>The mailbox that sends notifications through Microsoft Graph.</summary>
    public string NotificationSender { get; init; } = "ir-bot@example.com";
}
