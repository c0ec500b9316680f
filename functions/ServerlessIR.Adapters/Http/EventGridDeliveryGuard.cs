using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Who may deliver to <c>/api/events</c> (<see cref="EventGridDeliveryOptions"/>): Event Grid's Entra token when one is
/// configured, the handshake only from Event Grid's origin, a validation handshake only for the configured topic and
/// subscription, and events only from the configured topic.
/// </summary>
public sealed class EventGridDeliveryGuard
{
    private readonly EventGridDeliveryOptions options;
    private readonly EventGridTokenValidator? tokens;

    public EventGridDeliveryGuard(IOptions<EventGridDeliveryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        tokens = this.options.RequiresToken() ? new EventGridTokenValidator(this.options) : null;
    }

    public EventGridDeliveryOptions Options => options;

    /// <summary>
    /// The answer that refuses this delivery, or null to go on. With a token configured a delivery needs a valid one,
    /// except a delivery of nothing but <see cref="SmokeTestSource.EventType"/> events without any Authorization header: the
    /// function key (checked before the app runs) is its credential, so <c>ir smoke</c> works after every deployment, and
    /// such an event cannot reach anyone (docs/deploy.md).
    /// </summary>
    public async Task<IResult?> RefuseAsync(HttpRequest request, DeliveryParseResult parsed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parsed);
        if (tokens is not null)
        {
            var authorization = request.Headers.Authorization.ToString();
            var smokeOnly = string.IsNullOrEmpty(authorization) && parsed.ValidationCode is null && parsed.Lifecycle.Count == 0 && parsed.Rejected.Count == 0
                && parsed.Events.Count > 0 && parsed.Events.All(e => e.Type == SmokeTestSource.EventType);
            if (!smokeOnly)
            {
                string? problem;
                try
                {
                    problem = await tokens.ProblemAsync(authorization, cancellationToken);
                }
                catch (InvalidOperationException ex)
                {
                    request.HttpContext.Response.Headers.RetryAfter = "30";
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cannot check the delivery's token now");
                }
                if (problem is not null)
                {
                    request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                    return Results.Problem($"Event Grid delivery refused: {problem}.", statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated as Event Grid");
                }
            }
        }
        return parsed.ValidationCode is null ? null : ValidationRefusal(parsed);
    }

    /// <summary>Null when the event comes from the configured topic (or no topic is configured); else the rejection reason.</summary>
    public string? SourceProblem(IncomingEvent incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (string.IsNullOrWhiteSpace(options.TopicResourceId))
        {
            return null;
        }
        var topic = options.TopicResourceId.TrimEnd('/');
        var source = incoming.Source;
        var fromTopic = source.Equals(topic, StringComparison.OrdinalIgnoreCase) || source.StartsWith(topic + "/", StringComparison.OrdinalIgnoreCase);
        return fromTopic || options.EffectiveSourcePrefixes().Any(p => source.StartsWith(p, StringComparison.Ordinal))
            ? null
            : $"source '{Bounded(source)}' is not the configured Event Grid topic (nor one of our publishers' sources); refused.";
    }

    /// <summary>The CloudEvents OPTIONS handshake: only Event Grid's origin is answered.</summary>
    public static IResult? OriginRefusal(string origin) =>
        string.Equals(origin, EventGridDeliveryOptions.EventGridOrigin, StringComparison.OrdinalIgnoreCase)
            ? null
            : Results.Problem($"WebHook-Request-Origin '{Bounded(origin)}' is not Event Grid's ({EventGridDeliveryOptions.EventGridOrigin}); only Event Grid may validate this webhook.",
                statusCode: StatusCodes.Status403Forbidden, title: "Foreign webhook origin");

    private IResult? ValidationRefusal(DeliveryParseResult parsed)
    {
        if (!string.IsNullOrWhiteSpace(options.TopicResourceId)
            && !string.Equals(parsed.ValidationTopic?.TrimEnd('/'), options.TopicResourceId.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem($"The subscription validation is for topic '{Bounded(parsed.ValidationTopic ?? "(none)")}', not the configured topic.",
                statusCode: StatusCodes.Status403Forbidden, title: "Unexpected topic");
        }
        if (!string.IsNullOrWhiteSpace(options.SubscriptionName) && SubscriptionOf(parsed.ValidationUrl) is var named
            && !string.Equals(named, options.SubscriptionName, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem($"The subscription validation is for subscription '{Bounded(named ?? "(none)")}', not '{options.SubscriptionName}'.",
                statusCode: StatusCodes.Status403Forbidden, title: "Unexpected subscription");
        }
        return null;
    }

    // validationUrl: https://rp-{region}.eventgrid.azure.net:553/eventsubscriptions/{name}/validate?id=...
    private static string? SubscriptionOf(string? validationUrl)
    {
        if (!Uri.TryCreate(validationUrl, UriKind.Absolute, out var url))
        {
            return null;
        }
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(segments, s => s.Equals("eventsubscriptions", StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < segments.Length ? Uri.UnescapeDataString(segments[at + 1]) : null;
    }

    private static string Bounded(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
