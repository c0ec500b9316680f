namespace ServerlessIR.Core.Playbooks;

/// <summary>Where notifications go. Values are secret or setting names, never the secrets themselves.</summary>
public sealed record NotificationSettings
{
    /// <summary>Key Vault secret holding the Teams Workflows webhook URL (the URL itself is a credential).</summary>
    public string TeamsWebhookSecret { get; init; } = "teams-workflows-webhook-url";

    public BulkMailChannel? DataSubjectChannel { get; init; }

    /// <summary>Where drafted regulator notices go for review before anyone submits them.</summary>
    public string? DpoReviewAddress { get; init; }
}
