using Microsoft.AspNetCore.Http;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;

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

    public Task<IResult> HealthAsync(CancellationToken cancellationToken = default) => HealthAsync(null, cancellationToken);

    /// <summary>
    /// <c>GET /api/health[?smoke=ID]</c>. With <paramref name="smokeIncidentId"/>, also the status of that smoke-test
    /// incident: <c>ir smoke</c> must see its test incident close, and in Azure it has no sign-in for
    /// <c>/api/incidents</c>. Only IDs of smoke tests (<see cref="SmokeTestSource.IncidentIdPrefix"/>, opened by a
    /// <see cref="SmokeTestSource"/> signal, which carries nothing about anyone) are answered: this route is anonymous.
    /// </summary>
    /// <remarks>
    /// <c>rejectedEvents</c> counts the rejections of the last <see cref="RejectedEventStore.RecentWindow"/>, at most
    /// <see cref="RejectedEventStore.RecentCountCap"/> (<c>rejectedEventsCapped</c> says there may be more): the route is
    /// anonymous, so one call costs one bounded query, however many events were rejected.
    /// </remarks>
    public async Task<IResult> HealthAsync(string? smokeIncidentId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (count, capped) = await rejected.CountRecentAsync(now, cancellationToken);
        var windowHours = (int)RejectedEventStore.RecentWindow.TotalHours;
        if (string.IsNullOrEmpty(smokeIncidentId))
        {
            return Results.Json(new { status = "ok", rejectedEvents = count, rejectedEventsWindowHours = windowHours, rejectedEventsCapped = capped, time = now });
        }
        if (!smokeIncidentId.StartsWith(SmokeTestSource.IncidentIdPrefix, StringComparison.Ordinal) || smokeIncidentId.Length > 64)
        {
            return Results.Problem("Only smoke-test incidents can be looked up here.", statusCode: StatusCodes.Status400BadRequest,
                title: "Not a smoke test");
        }
        var incident = await incidents.GetAsync(smokeIncidentId, cancellationToken);
        var smoke = incident is null ? null : new { id = incident.Id, status = incident.Status.ToString(), evidenceRecords = incident.EvidenceRecords };
        return Results.Json(new { status = "ok", rejectedEvents = count, rejectedEventsWindowHours = windowHours, rejectedEventsCapped = capped, time = now, smoke });
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
