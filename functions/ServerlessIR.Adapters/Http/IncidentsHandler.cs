using Microsoft.AspNetCore.Http;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Http;

/// <summary><c>GET /api/incidents</c>, <c>GET /api/incidents/{id}</c>, <c>GET /api/events/rejected</c> and <c>GET /api/health</c>.</summary>
public sealed class IncidentsHandler(IIncidentStore incidents, RejectedEventStore rejected, TimeProvider time)
{
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryInt(request, "skip", 0, 0, int.MaxValue, out var skip, out var problem) ||
            !TryInt(request, "take", 50, 1, 200, out var take, out problem))
        {
            return problem!;
        }
        var page = await incidents.ListAsync(skip, take, cancellationToken);
        return Results.Json(new
        {
            skip,
            take,
            incidents = page.Select(i => new
            {
                id = i.Id,
                status = i.Status.ToString(),
                severity = i.Severity?.Level,
                aiSystem = i.AiSystem,
                signals = i.Signals,
                openedAt = i.OpenedAt,
            }),
        });
    }

    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var incident = await incidents.GetAsync(id, cancellationToken);
        return incident is null
            ? Results.Problem($"No incident '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found")
            : Results.Json(incident, Json.Options);
    }

    public async Task<IResult> RejectedAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryInt(request, "take", 100, 1, 1000, out var take, out var problem))
        {
            return problem!;
        }
        var list = await rejected.ListAsync(take, cancellationToken);
        return Results.Json(new { rejected = list });
    }

    public async Task<IResult> HealthAsync(CancellationToken cancellationToken = default)
    {
        var count = await rejected.CountAsync(cancellationToken);
        return Results.Json(new { status = "ok", rejectedEvents = count, time = time.GetUtcNow() });
    }

    private static bool TryInt(HttpRequest request, string name, int fallback, int min, int max, out int value, out IResult? problem)
    {
        problem = null;
        value = fallback;
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }
        problem = Results.Problem($"Query parameter '{name}' must be a whole number from {min} to {max}.", statusCode: StatusCodes.Status400BadRequest,
            title: "Bad query parameter");
        return false;
    }
}
