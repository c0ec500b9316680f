using System.Globalization;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// <c>POST|OPTIONS /api/events</c>: the Event Grid webhook, the same code in the Functions app and the local host.
/// Answers 200 for a batch once every event is processed, recorded as rejected or (Event Grid's lifecycle events)
/// acknowledged; 400 for a body that is not an Event Grid delivery; 413 above 1 MB or above 5,000 events
/// (<see cref="IngestionLimits"/>); 503 when storage is unreachable or a copy of an event is still being processed elsewhere
/// (Event Grid then redelivers and the deduplication keeps it exactly once), or when the delivery's time budget
/// (<see cref="IngestionOptions.DeliveryBudget"/>, inside Event Grid's 30-second wait) ran out before every event was done:
/// the events done are kept, the others given back for the redelivery; 429 with <c>Retry-After</c> when more
/// deliveries are in progress than <see cref="DeliveryGate"/> allows. Never 500 for any input.
/// </summary>
/// <remarks>
/// A subscription validation event is answered (<c>validationResponse</c>) and the other events of its batch are processed
/// too. A delivery's rejections are written together at the end (<see cref="RejectedEventStore.AddManyAsync"/>), once each
/// however often they are delivered.
/// </remarks>
public sealed partial class EventsHandler(IngestionService ingestion, RejectedEventStore rejected, TimeProvider time, ILogger<EventsHandler> logger,
    EventGridDeliveryGuard guard, DeliveryGate gate, IOptions<IngestionOptions> options)
{
    /// <summary>Event Grid's own limit for a delivery.</summary>
    public const int MaxBodyBytes = IngestionLimits.MaxDeliveryBytes;

    /// <summary>The CloudEvents webhook validation handshake (abuse protection): echo the origin back, Event Grid's only.</summary>
    public static IResult Options(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers["WebHook-Request-Origin"].ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return Results.Problem("An OPTIONS request must carry WebHook-Request-Origin (CloudEvents webhook validation).",
                statusCode: StatusCodes.Status400BadRequest, title: "Missing WebHook-Request-Origin");
        }
        if (EventGridDeliveryGuard.OriginRefusal(origin) is { } foreign)
        {
            return foreign;
        }
        request.HttpContext.Response.Headers["WebHook-Allowed-Origin"] = origin;
        request.HttpContext.Response.Headers["WebHook-Allowed-Rate"] = "*";
        request.HttpContext.Response.Headers.Allow = "POST, OPTIONS";
        return Results.Ok();
    }

    /// <summary>Ingests a delivery; <paramref name="durable"/> is the invocation's <c>[DurableClient]</c> (none exists in DI in Azure).</summary>
    public async Task<IResult> PostAsync(HttpRequest request, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        var arrived = time.GetTimestamp();
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }
        if (!IsJson(request.ContentType))
        {
            return Results.Problem($"Content-Type '{Bounded(request.ContentType!)}' is not JSON; Event Grid sends application/json or application/cloudevents(-batch)+json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not JSON");
        }
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }
        var now = time.GetUtcNow();
        var parsed = EventGridDeliveryParser.Parse(body, now);
        if (parsed.Error is not null)
        {
            return Results.Problem(parsed.Error, statusCode: StatusCodes.Status400BadRequest, title: "Not an Event Grid delivery");
        }
        if (parsed.TooManyEvents is { } count)
        {
            return Results.Problem(string.Create(CultureInfo.InvariantCulture,
                    $"The delivery holds {count} events; the limit is {IngestionLimits.MaxEventsPerDelivery} (Event Grid's most for one batch). Send them in smaller batches."),
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many events");
        }
        if (await guard.RefuseAsync(request, parsed, cancellationToken) is { } refused)
        {
            LogRefused(logger, parsed.Received);
            return refused;
        }
        if (parsed.RepairedSurrogates > 0 || parsed.RepairedUtf8)
        {
            LogTextRepaired(logger, parsed.RepairedSurrogates, parsed.RepairedUtf8);
        }
        foreach (var lifecycle in parsed.Lifecycle)
        {
            LogLifecycle(logger, lifecycle.EventType, lifecycle.Subject);
        }
        if (parsed.ValidationCode is not null)
        {
            LogValidated(logger);
            if (parsed.Events.Count == 0 && parsed.Rejected.Count == 0 && parsed.Lifecycle.Count == 0)
            {
                return Results.Json(new { validationResponse = parsed.ValidationCode });
            }
        }

        using var lease = gate.TryEnter();
        if (lease is null)
        {
            LogShed(logger, parsed.Received);
            request.HttpContext.Response.Headers.RetryAfter = options.Value.ShedRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem("The webhook is at its limit of deliveries in progress; Event Grid will redeliver.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Try again later");
        }
        try
        {
            var rejections = new List<RejectedEvent>(parsed.Rejected);
            var outcomes = new IngestOutcome[parsed.Events.Count];
            var accepted = new List<int>(parsed.Events.Count);
            for (var i = 0; i < parsed.Events.Count; i++)
            {
                var incoming = parsed.Events[i];
                if (guard.SourceProblem(incoming) is { } foreign)
                {
                    rejections.Add(new RejectedEvent(incoming.Id, incoming.Type, foreign, incoming.Raw, now) { Source = incoming.Source });
                    outcomes[i] = new IngestOutcome(IngestOutcome.Rejected, null, foreign);
                }
                else
                {
                    accepted.Add(i);
                }
            }
            var budget = options.Value.DeliveryBudget - time.GetElapsedTime(arrived);
            var ingested = await ingestion.IngestDeliveryAsync([.. accepted.Select(i => parsed.Events[i])], durable,
                budget > TimeSpan.Zero ? budget : TimeSpan.Zero, cancellationToken);
            for (var j = 0; j < accepted.Count; j++)
            {
                var incoming = parsed.Events[accepted[j]];
                var outcome = ingested[j];
                // A redelivered rejection is recorded again (once: the store keeps one row per event), in case the
                // first delivery's answer failed between rejecting it and writing its row.
                if (outcome.Outcome == IngestOutcome.Rejected || outcome.WasRejected)
                {
                    rejections.Add(new RejectedEvent(incoming.Id, incoming.Type, outcome.Reason ?? "rejected", incoming.Raw, now) { Source = incoming.Source });
                }
                outcomes[accepted[j]] = outcome;
            }
            await rejected.AddManyAsync([.. rejections], cancellationToken);

            var summary = new DeliverySummary(
                parsed.Received,
                outcomes.Count(o => o.Outcome == IngestOutcome.Opened),
                outcomes.Count(o => o.Outcome == IngestOutcome.Joined),
                outcomes.Count(o => o.Outcome == IngestOutcome.Duplicate),
                parsed.Rejected.Count + outcomes.Count(o => o.Outcome == IngestOutcome.Rejected),
                outcomes.Where(o => o.IncidentId is not null).Select(o => o.IncidentId!).Distinct().ToList())
            {
                Acknowledged = parsed.Lifecycle.Count,
                ValidationResponse = parsed.ValidationCode,
            };
            if (outcomes.Any(o => o.Outcome == IngestOutcome.InProgress))
            {
                request.HttpContext.Response.Headers.RetryAfter = "10";
                return Results.Json(summary with { ValidationResponse = null }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            return Results.Json(summary);
        }
        catch (RequestFailedException ex)
        {
            LogStorageUnavailable(logger, ex.Status, ex.ErrorCode);
            request.HttpContext.Response.Headers.RetryAfter = "30";
            return Results.Problem("Storage is unavailable; Event Grid will redeliver.", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Try again later");
        }
    }

    /// <summary>A JSON media type, or none at all (a sender that names no type is read as JSON, as before).</summary>
    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } mediaType)
        {
            return false;
        }
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static string Bounded(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static IResult TooLarge() =>
        Results.Problem($"The body is larger than {MaxBodyBytes} bytes, Event Grid's limit for one delivery.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Delivery too large");

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Event Grid subscription validation answered")]
    private static partial void LogValidated(ILogger logger);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Storage unavailable while ingesting ({Status} {ErrorCode}); asked Event Grid to retry")]
    private static partial void LogStorageUnavailable(ILogger logger, int status, string? errorCode);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Event Grid lifecycle event {EventType} for {Subject} acknowledged")]
    private static partial void LogLifecycle(ILogger logger, string eventType, string? subject);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Refused an /api/events delivery of {Events} event(s): not authenticated as Event Grid, or an unexpected topic or subscription")]
    private static partial void LogRefused(ILogger logger, int events);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Shed an /api/events delivery of {Events} event(s) with 429: the webhook is at its limit of deliveries in progress")]
    private static partial void LogShed(ILogger logger, int events);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Replaced ill-formed text in a delivery by U+FFFD: {Surrogates} escaped lone surrogate(s), invalid UTF-8 bytes {InvalidUtf8}")]
    private static partial void LogTextRepaired(ILogger logger, int surrogates, bool invalidUtf8);
}
