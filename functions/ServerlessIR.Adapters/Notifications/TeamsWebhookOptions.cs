namespace ServerlessIR.Adapters.Notifications;

/// <summary>Bound from <c>ServerlessIR:Teams</c>; the playbook's <c>notifications.teamsWebhookSecret</c> supplies the name.</summary>
public sealed class TeamsWebhookOptions
{
    public const string SectionName = "ServerlessIR:Teams";

    /// <summary>Name of the secret holding the Workflows webhook URL. The URL carries its own signature, so it is a credential.</summary>
    public string WebhookSecret { get; set; } = "teams-workflows-webhook-url";
}
