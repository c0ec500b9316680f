using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessIR.StandIns.Graph;

/// <summary>
/// A local Microsoft Graph v1.0 and Teams Workflows webhook that speaks the wire format the real SDK and webhook use,
/// and records what it receives, so a drill runs end to end with no tenant. Routes:
/// <c>POST /v1.0/users/{id}/sendMail</c> (202), <c>POST /v1.0/users/{id}/teamwork/sendActivityNotification</c> (204),
/// <c>GET /v1.0/groups/{id}/members</c> (200 collection), <c>POST /workflows/{id}</c> (202). Unknown users and groups get
/// Graph's 404 error body, which the SDK surfaces as <c>ODataError</c>.
/// </summary>
public static class GraphStandIn
{
    private const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static void MapGraphStandIn(this IEndpointRouteBuilder app, GraphStandInState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);

        app.MapPost("/v1.0/users/{id}/sendMail", async (string id, HttpRequest request) =>
        {
            var user = state.FindUser(id);
            if (user is null)
            {
                return Error(state.Time, StatusCodes.Status404NotFound, "ErrorInvalidUser", $"The requested user '{id}' is invalid.");
            }
            var (raw, body) = await ReadJsonAsync(request);
            // The SDK serializes this body's properties in PascalCase (Message, SaveToSentItems): match names case-insensitively.
            var message = Get(body, "message") as JsonObject;
            if (message is null)
            {
                return Error(state.Time, StatusCodes.Status400BadRequest, "ErrorInvalidRequest", "The request body must contain a message.");
            }
            var to = (Get(message, "toRecipients") as JsonArray ?? [])
                .Select(r => Get(Get(r, "emailAddress"), "address")?.GetValue<string>())
                .OfType<string>()
                .ToList();
            if (to.Count == 0)
            {
                return Error(state.Time, StatusCodes.Status400BadRequest, "ErrorInvalidRecipients", "At least one recipient is not valid.");
            }
            state.Record(new RecordedMessage
            {
                Kind = "mail",
                From = user.UserPrincipalName,
                To = to,
                Subject = Get(message, "subject")?.GetValue<string>(),
                Body = Get(Get(message, "body"), "content")?.GetValue<string>(),
                ReceivedAt = state.Time.GetUtcNow(),
                RawBody = raw,
            });
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });

        app.MapPost("/v1.0/users/{id}/teamwork/sendActivityNotification", async (string id, HttpRequest request) =>
        {
            var user = state.FindUser(id);
            if (user is null)
            {
                return Error(state.Time, StatusCodes.Status404NotFound, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
            }
            var (raw, body) = await ReadJsonAsync(request);
            if (Get(body, "activityType") is null || Get(body, "topic") is null)
            {
                return Error(state.Time, StatusCodes.Status400BadRequest, "BadRequest", "activityType and topic are required.");
            }
            state.Record(new RecordedMessage
            {
                Kind = "activity",
                To = [user.UserPrincipalName],
                Subject = Get(Get(body, "topic"), "value")?.GetValue<string>(),
                Body = Get(Get(body, "previewText"), "content")?.GetValue<string>(),
                ReceivedAt = state.Time.GetUtcNow(),
                RawBody = raw,
            });
            return Results.NoContent();
        });

        app.MapGet("/v1.0/groups/{id}/members", (string id) =>
        {
            var members = state.FindGroup(id);
            if (members is null)
            {
                return Error(state.Time, StatusCodes.Status404NotFound, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
            }
            var value = new JsonArray(members.Select(m => (JsonNode)new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.user",
                ["id"] = m.Id,
                ["userPrincipalName"] = m.UserPrincipalName,
                ["mail"] = m.Mail,
            }).ToArray());
            var response = new JsonObject
            {
                ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
                ["value"] = value,
            };
            return Results.Content(response.ToJsonString(), "application/json");
        });

        app.MapPost("/workflows/{id}", async (string id, HttpRequest request) =>
        {
            var (raw, body) = await ReadJsonAsync(request);
            var attachment = (Get(body, "attachments") as JsonArray)?.FirstOrDefault();
            var content = Get(attachment, "content");
            if (Get(attachment, "contentType")?.GetValue<string>() != AdaptiveCardContentType || content is null)
            {
                return Results.BadRequest(new { error = "Expected a message with an Adaptive Card attachment." });
            }
            state.Record(new RecordedMessage
            {
                Kind = "teams-webhook",
                To = [id],
                Subject = FirstText(content),
                CardJson = content.ToJsonString(),
                ReceivedAt = state.Time.GetUtcNow(),
                RawBody = raw,
            });
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
    }

    private static async Task<(string Raw, JsonNode? Body)> ReadJsonAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var raw = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        try
        {
            return (raw, JsonNode.Parse(raw));
        }
        catch (JsonException)
        {
            return (raw, null);
        }
    }

    private static JsonNode? Get(JsonNode? node, string name)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    private static string? FirstText(JsonNode card) =>
        (Get(card, "body") as JsonArray)?.Select(e => Get(e, "text")).OfType<JsonValue>().Select(v => v.GetValue<string>()).FirstOrDefault();

    /// <summary>Graph's error body: <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>.</summary>
    private static IResult Error(TimeProvider time, int status, string code, string message)
    {
        var requestId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = requestId,
                },
            },
        };
        return Results.Content(body.ToJsonString(), "application/json", statusCode: status);
    }
}
