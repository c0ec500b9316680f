using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServerlessIR.StandIns.AiFeatures;

/// <summary>
/// The owning services' mode switches under <c>/ai-features/{system}</c>: <c>GET|POST mode</c> (POST signed) and
/// <c>GET fallback-health</c>; knobs under <c>/_standin/ai-features</c>.
/// </summary>
public static class AiFeatureStandIn
{
    public static void MapAiFeatureStandIn(this IEndpointRouteBuilder app, AiFeatureStandInState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        app.MapGet("/ai-features/{system}/mode", (string system) =>
            state.Modes.TryGetValue(system, out var mode) ? Results.Json(new { mode }) : Results.NotFound());
        app.MapGet("/ai-features/{system}/fallback-health", (string system) =>
            state.UnhealthyFallback.GetValueOrDefault(system)
                ? Results.Json(new { healthy = false, reason = "rules engine not answering" }, statusCode: 503)
                : Results.Json(new { healthy = true }));
        app.MapPost("/ai-features/{system}/mode", async (HttpRequest request, string system) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var timestamp = request.Headers["X-ServerlessIR-Timestamp"].ToString();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(state.SigningKey), Encoding.UTF8.GetBytes(timestamp + "." + body)));
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Headers["X-ServerlessIR-Signature"].ToString())))
            {
                return Results.Json(new { error = "invalid signature" }, statusCode: 401);
            }
            if (!state.Modes.TryGetValue(system, out _)) return Results.NotFound();
            var json = JsonNode.Parse(body)!.AsObject();
            state.Switch(system, (string)json["mode"]!, (string)json["idempotencyKey"]!);
            return Results.Json(new { mode = state.Modes.GetValueOrDefault(system) });
        });
        var knobs = app.MapGroup("/_standin/ai-features");
        knobs.MapGet("/effects", () => Results.Json(state.Effects));
        knobs.MapPost("/{system}/fallback-health", (string system, bool healthy) =>
        {
            state.UnhealthyFallback[system] = !healthy;
            return Results.Ok();
        });
    }
}
