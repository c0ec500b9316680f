using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Hosting;

/// <summary>The HTTP routes of DESIGN.md on Kestrel, bound to the same handlers the Functions app wraps.</summary>
public static class ApiRoutes
{
    public static void MapServerlessIRApi(this IEndpointRouteBuilder app, string webhookKey)
    {
        var api = app.MapGroup("/api");
        var events = api.MapGroup("/events");
        events.MapPost("", (HttpRequest request, EventsHandler handler, CancellationToken ct) => handler.PostAsync(request, ct))
            .AddEndpointFilter(new WebhookKeyFilter(webhookKey));
        events.MapMethods("", ["OPTIONS"], (HttpRequest request) => EventsHandler.Options(request))
            .AddEndpointFilter(new WebhookKeyFilter(webhookKey));
        events.MapGet("/rejected", (HttpRequest request, IncidentsHandler handler, CancellationToken ct) => handler.RejectedAsync(request, ct));
        api.MapGet("/incidents", (HttpRequest request, IncidentsHandler handler, CancellationToken ct) => handler.ListAsync(request, ct));
        api.MapGet("/incidents/{id}", (string id, IncidentsHandler handler, CancellationToken ct) => handler.GetAsync(id, ct));
        api.MapPost("/incidents/{id}/facts", (HttpRequest request, string id, IncidentActionsHandler handler, CancellationToken ct) => handler.PostFactsAsync(request, id, ct));
        api.MapPost("/incidents/{id}/false-positive", (HttpRequest request, string id, IncidentActionsHandler handler, CancellationToken ct) => handler.PostFalsePositiveAsync(request, id, ct));
        // GET only renders (link scanners fetch every link); POST decides. Same handler as the Functions app.
        api.MapGet("/approvals/{token}", (HttpRequest request, string token, ApprovalsHandler handler) => handler.GetAsync(request, token));
        api.MapPost("/approvals/{token}", (HttpRequest request, string token, ApprovalsHandler handler) => handler.PostAsync(request, token))
            .DisableAntiforgery();
        api.MapGet("/notices/{token}", (HttpRequest request, string token, ApprovalsHandler handler) => handler.GetNoticeAsync(request, token));
        api.MapPost("/notices/{token}", (HttpRequest request, string token, ApprovalsHandler handler) => handler.PostNoticeAsync(request, token))
            .DisableAntiforgery();
        api.MapGet("/health", (IncidentsHandler handler, CancellationToken ct) => handler.HealthAsync(ct));
    }
}
