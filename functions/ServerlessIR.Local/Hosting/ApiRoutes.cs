using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The HTTP routes of <see cref="HttpRoutes"/> on Kestrel, bound to the same handlers the Functions app wraps. Like the Functions app's
/// <c>[DurableClient]</c> binding, each route hands its durable client (here the sidecar's) to the handler per call.
/// </summary>
public static class ApiRoutes
{
    public static void MapServerlessIRApi(this IEndpointRouteBuilder app, string webhookKey)
    {
        var api = app.MapGroup("/" + HttpRoutes.Prefix);
        api.MapPost(HttpRoutes.Events, (HttpRequest request, EventsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostAsync(request, client, ct))
            .AddEndpointFilter(new WebhookKeyFilter(webhookKey));
        api.MapMethods(HttpRoutes.Events, ["OPTIONS"], (HttpRequest request) => EventsHandler.Options(request))
            .AddEndpointFilter(new WebhookKeyFilter(webhookKey));
        api.MapGet(HttpRoutes.RejectedEvents, (HttpRequest request, IncidentsHandler handler, CancellationToken ct) => handler.RejectedAsync(request, ct));
        api.MapGet(HttpRoutes.Incidents, (HttpRequest request, IncidentsHandler handler, CancellationToken ct) => handler.ListAsync(request, ct));
        api.MapGet(HttpRoutes.Incident, (string id, IncidentsHandler handler, CancellationToken ct) => handler.GetAsync(id, ct));
        api.MapPost(HttpRoutes.IncidentFacts, (HttpRequest request, string id, IncidentActionsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostFactsAsync(request, id, client, ct));
        api.MapPost(HttpRoutes.IncidentFalsePositive, (HttpRequest request, string id, IncidentActionsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostFalsePositiveAsync(request, id, client, ct));
        api.MapPost(HttpRoutes.IncidentTasks, (HttpRequest request, string id, IncidentActionsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostTaskAsync(request, id, client, ct));
        api.MapPost(HttpRoutes.IncidentTask, (HttpRequest request, string id, string taskId, IncidentActionsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostTaskResolutionAsync(request, id, taskId, client, ct));
        api.MapPost(HttpRoutes.IncidentClose, (HttpRequest request, string id, IncidentActionsHandler handler, DurableTaskClient client, CancellationToken ct) => handler.PostCloseAsync(request, id, client, ct));
        api.MapGet(HttpRoutes.IncidentRequest, (HttpRequest request, string id, string requestId, IncidentActionsHandler handler, CancellationToken ct) => handler.GetRequestAsync(request, id, requestId, ct));
        // GET only renders (link scanners fetch every link); POST decides. Same handler as the Functions app.
        api.MapGet(HttpRoutes.Approval, (HttpRequest request, string token, ApprovalsHandler handler) => handler.GetAsync(request, token));
        api.MapPost(HttpRoutes.Approval, (HttpRequest request, string token, ApprovalsHandler handler, DurableTaskClient client) => handler.PostAsync(request, token, new DurableApprovalDecisionSink(client)))
            .DisableAntiforgery();
        api.MapGet(HttpRoutes.Notice, (HttpRequest request, string token, ApprovalsHandler handler) => handler.GetNoticeAsync(request, token));
        api.MapPost(HttpRoutes.Notice, (HttpRequest request, string token, ApprovalsHandler handler, DurableTaskClient client) => handler.PostNoticeAsync(request, token, new DurableApprovalDecisionSink(client)))
            .DisableAntiforgery();
        api.MapGet(HttpRoutes.IncidentEvidenceVerify, (string id, ConsoleHandler handler, CancellationToken ct) => handler.VerifyEvidenceAsync(id, ct));
        api.MapGet(HttpRoutes.Console, (HttpRequest request, ConsoleHandler handler, CancellationToken ct) => handler.QueueAsync(request, ct));
        api.MapGet(HttpRoutes.ConsoleIncident, (HttpRequest request, string id, ConsoleHandler handler, CancellationToken ct) => handler.IncidentAsync(request, id, ct));
        api.MapGet(HttpRoutes.Health, (HttpRequest request, IncidentsHandler handler, CancellationToken ct) => handler.HealthAsync(request.Query["smoke"], ct));
    }
}
