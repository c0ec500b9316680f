using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>
/// Posts an Adaptive Card to a channel through a Teams Workflows webhook ("When a Teams webhook request is received").
/// The body is a message whose attachment has content type <c>application/vnd.microsoft.card.adaptive</c> and the card
/// object as content. The URL comes from the secret store on every call (so a rotated URL takes effect) and never
/// appears in an exception or a log: register the HttpClient with its loggers removed.
/// </summary>
public sealed class TeamsWorkflowsWebhookTransport : ITeamsTransport
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    private readonly HttpClient http;
    private readonly ISecretStore secrets;
    private readonly TeamsWebhookOptions options;

    public TeamsWorkflowsWebhookTransport(HttpClient http, ISecretStore secrets, TeamsWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.secrets = secrets;
        this.options = options;
    }

    /// <summary>Wraps a card in the message envelope the Workflows webhook expects.</summary>
    public static string BuildEnvelope(string cardJson)
    {
        var card = JsonNode.Parse(cardJson) ?? throw new ArgumentException("The card is empty.", nameof(cardJson));
        var envelope = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = AdaptiveCardContentType,
                    ["contentUrl"] = null,
                    ["content"] = card,
                },
            },
        };
        return envelope.ToJsonString();
    }

    public async Task PostCardAsync(TeamsCardMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var url = await secrets.GetSecretAsync(options.WebhookSecret, cancellationToken);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"Secret '{options.WebhookSecret}' does not hold an absolute URL.");
        }
        using var content = new StringContent(BuildEnvelope(message.CardJson), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(uri, content, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // Rethrown without the inner message: some handlers put the request URI, and so the webhook's signature, in it.
            throw new HttpRequestException($"Teams Workflows webhook unreachable ({ex.HttpRequestError}).", null, ex.StatusCode);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"Teams Workflows webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            }
        }
    }
}
