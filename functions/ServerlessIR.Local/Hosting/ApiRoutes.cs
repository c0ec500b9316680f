using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The HTTP routes of docs/architecture.md on Kestrel, bound to the same handlers the Functions app wraps. Like the Functions app's
/// <c>[DurableClient]</c> binding, each route hands its durable client (here the sidecar's) to the handler per call.
/// </summary>
public static class ApiRoutes
{
    public static void MapServerlessIRApi(this IEndpointRouteBuilder app, string webhookKey)
    {
        var api = app.MapGroup("/api");
        var events = api.MapGroup("/events");
        events.MapPost("", (HttpRequest request, EventsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostAsync(request, client, ct))
            .AddEndpointFilter(new WebhookKeyFilter(webhookKey));
        events.MapMethods("", ["OPTIONS"], (HttpRequest request) => EventsHandler.Options(request))
            .AddEndpointFilter(new WebhookKeyFilter(webhookKey));
        events.MapGet("/rejected", (HttpRequest request, IncidentsHandler handler, CancellationToken ct) => handler.RejectedAsync(request, ct));
        api.MapGet("/incidents", (HttpRequest request, IncidentsHandler handler, CancellationToken ct) => handler.ListAsync(request, ct));
        api.MapGet("/incidents/{id}", (string id, IncidentsHandler handler, CancellationToken ct) => handler.GetAsync(id, ct));
        api.MapPost("/incidents/{id}/facts", (HttpRequest request, string id, IncidentActionsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostFactsAsync(request, id, client, ct));
        api.MapPost("/incidents/{id}/false-positive", (HttpRequest request, string id, IncidentActionsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostFalsePositiveAsync(request, id, client, ct));
        // GET only renders (link scanners fetch every link); POST decides. Same handler as the Functions app.
        api.MapGet("/approvals/{token}", (HttpRequest request, string token, ApprovalsHandler handler) => handler.GetAsync(request, token));
        api.MapPost("/approvals/{token}", (HttpRequest request, string token, ApprovalsHandler handler, DurableTaskClient client) => handler.PostAsync(request, token, new DurableApprovalDecisionSink(client)))
            .DisableAntiforgery();
        api.MapGet("/notices/{token}", (HttpRequest request, string token, ApprovalsHandler handler) => handler.GetNoticeAsync(request, token));
        api.MapPost("/notices/{token}", (HttpRequest request, string token, ApprovalsHandler handler, DurableTaskClient client) => handler.PostNoticeAsync(request, token, new DurableApprovalDecisionSink(client)))
            .DisableAntiforgery();
        api.MapGet("/health", (HttpRequest request, IncidentsHandler handler, CancellationToken ct) => handler.HealthAsync(request.Query["smoke"], ct));
    }
}
