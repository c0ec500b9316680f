namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Who may deliver to <c>/api/events</c> and from where (configuration section <c>ServerlessIR:EventGrid</c>). With
/// <see cref="TenantId"/> and <see cref="Audience"/> set, every delivery must carry Event Grid's Entra token; without them the
/// function key (checked by the Functions host, or the local key filter) is the only check.
/// </summary>
public sealed class EventGridDeliveryOptions
{
    public const string SectionName = "ServerlessIR:EventGrid";

    /// <summary>Event Grid's first-party application, the <c>appid</c>/<c>azp</c> of every token it sends.</summary>
    public const string EventGridApplicationId = "4962773b-9cdb-44cf-a8bf-237846a00ab7";

    /// <summary>The app role the webhook's app registration gives Event Grid's service principal.</summary>
    public const string SubscriberRole = "AzureEventGridSecureWebhookSubscriber";

    /// <summary>The only origin the CloudEvents OPTIONS handshake answers.</summary>
    public const string EventGridOrigin = "eventgrid.azure.net";

    /// <summary>The Entra tenant whose signing keys sign the token.</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration's client ID; tokens for it or for <c>api://{it}</c> are accepted.</summary>
    public string? Audience { get; set; }

    /// <summary>Where the tenant's OpenID metadata lives: <c>{Authority}{TenantId}/v2.0/.well-known/openid-configuration</c>.</summary>
    public Uri Authority { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Whether the token's <c>roles</c> must hold <see cref="SubscriberRole"/>.</summary>
    public bool RequireRole { get; set; } = true;

    /// <summary>The Event Grid topic's resource ID; unset, events are not checked against a topic.</summary>
    public string? TopicResourceId { get; set; }

    /// <summary>The subscription a validation handshake must name; unset, any.</summary>
    public string? SubscriptionName { get; set; }

    /// <summary>
    /// CloudEvent <c>source</c> prefixes our own publishers use on the topic (a custom topic delivers a CloudEvent with the
    /// publisher's <c>source</c>, not the topic's ID). Unset: the Salesforce relay's and the smoke test's.
    /// </summary>
    public List<string>? PublisherSourcePrefixes { get; set; }

    // Methods, not properties, so the configuration binder does not take them for settings.

    /// <summary>Whether every delivery must carry Event Grid's Entra token: a tenant and an audience are configured.</summary>
    public bool RequiresToken() => !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(Audience);

    /// <summary>The publisher source prefixes in force: the configured ones, else the relay's and the smoke test's.</summary>
    public IReadOnlyList<string> EffectiveSourcePrefixes() =>
        PublisherSourcePrefixes is { Count: > 0 } p ? p : ["/salesforce/orgs/", "/serverlessir/"];
}
