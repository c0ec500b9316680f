namespace ServerlessIR.Adapters.Ingestion;

/// <summary>Settings of the Salesforce-to-Event-Grid relay (section <c>ServerlessIR:Relay</c>).</summary>
public sealed class RelayOptions
{
    public const string SectionName = "ServerlessIR:Relay";

    /// <summary>The Event Grid topic endpoint (<c>https://{topic}.{region}-1.eventgrid.azure.net/api/events</c>); locally the
    /// pipeline's own webhook. Null turns the poller off.</summary>
    public Uri? TopicEndpoint { get; set; }

    /// <summary>Managed identity used for the topic (the app's user-assigned identity holds EventGrid Data Sender).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Locally only: the webhook key sent as <c>x-functions-key</c>, as an Event Grid subscription would send it.</summary>
    public string? WebhookKey { get; set; }

    /// <summary>How often the timer polls (the Functions timer's schedule says the same in NCRONTAB).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
