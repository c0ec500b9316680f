using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServerlessIR.StandIns.Graph;

namespace ServerlessIR.StandIns.Bulk;

/// <summary>
/// A local bulk-mail service for notices to data subjects: <c>POST /bulk/{channel}</c> with an <c>Idempotency-Key</c>
/// header answers 202 <c>{"id": "..."}</c>, the same ID for a repeated key, and records the hand-off (kind <c>bulk</c>)
/// beside the Graph and Teams messages so a drill report lists everything that would have reached people.
/// </summary>
public static class BulkMailStandIn
{
    public static void MapBulkMailStandIn(this IEndpointRouteBuilder app, GraphStandInState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        var confirmations = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        app.MapPost("/bulk/{channel}", async (string channel, HttpRequest request) =>
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            if (string.IsNullOrEmpty(key))
            {
                return Results.BadRequest(new { error = "Idempotency-Key header is required." });
            }
            using var reader = new StreamReader(request.Body);
            var raw = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            var body = JsonNode.Parse(raw);
            var isNew = false;
            var id = confirmations.GetOrAdd(key, _ =>
            {
                isNew = true;
                return "bulk-" + Guid.NewGuid().ToString("N")[..12];
            });
            if (isNew)
            {
                state.Record(new RecordedMessage
                {
                    Kind = "bulk",
                    To = [$"{channel}: {body?["audienceSegment"]} (~{body?["approxRecipients"]})"],
                    Subject = body?["subject"]?.GetValue<string>(),
                    Body = body?["bodyHtml"]?.GetValue<string>(),
                    ReceivedAt = state.Time.GetUtcNow(),
                    RawBody = raw,
                });
            }
            return Results.Json(new { id }, statusCode: StatusCodes.Status202Accepted);
        });
    }
}
