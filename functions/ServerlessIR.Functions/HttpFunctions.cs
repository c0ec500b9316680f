using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Functions;

/// <summary>
/// The HTTP routes of docs/architecture.md, each a thin wrapper over the shared handler. <c>/api/events</c> takes a function key
/// (Event Grid's subscription URL carries it); the others sit behind App Service Authentication. Routes that reach an
/// orchestration take the <c>[DurableClient]</c> binding and hand it to the handler: the isolated Durable extension
/// registers no <see cref="DurableTaskClient"/> service, so a handler that asked DI for one would fail at activation.
/// </summary>
public sealed class HttpFunctions(EventsHandler events, IncidentsHandler incidents, IncidentActionsHandler actions, ConsoleHandler console)
{
    [Function("Events")]
    public async Task<IActionResult> Events(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", Route = HttpRoutes.Api + HttpRoutes.Events)] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = HttpMethods.IsOptions(request.Method)
            ? EventsHandler.Options(request)
            : await events.PostAsync(request, client, request.HttpContext.RequestAborted);
        return new HandlerActionResult(result);
    }

    [Function("RejectedEvents")]
    public async Task<IActionResult> Rejected(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Api + HttpRoutes.RejectedEvents)] HttpRequest request) =>
        new HandlerActionResult(await incidents.RejectedAsync(request, request.HttpContext.RequestAborted));

    [Function("ListIncidents")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Api + HttpRoutes.Incidents)] HttpRequest request) =>
        new HandlerActionResult(await incidents.ListAsync(request, request.HttpContext.RequestAborted));

    [Function("GetIncident")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Api + HttpRoutes.Incident)] HttpRequest request, string id) =>
        new HandlerActionResult(await incidents.GetAsync(id, request.HttpContext.RequestAborted));

    [Function("AmendFacts")]
    public async Task<IActionResult> AmendFacts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.Api + HttpRoutes.IncidentFacts)] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client) =>
        new HandlerActionResult(await actions.PostFactsAsync(request, id, client, request.HttpContext.RequestAborted));

    [Function("DeclareFalsePositive")]
    public async Task<IActionResult> DeclareFalsePositive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.Api + HttpRoutes.IncidentFalsePositive)] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client) =>
        new HandlerActionResult(await actions.PostFalsePositiveAsync(request, id, client, request.HttpContext.RequestAborted));

    [Function("CreateIncidentTask")]
    public async Task<IActionResult> CreateTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.Api + HttpRoutes.IncidentTasks)] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client) =>
        new HandlerActionResult(await actions.PostTaskAsync(request, id, client, request.HttpContext.RequestAborted));

    [Function("ResolveIncidentTask")]
    public async Task<IActionResult> ResolveTask(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.Api + HttpRoutes.IncidentTask)] HttpRequest request, string id, string taskId,
        [DurableClient] DurableTaskClient client) =>
        new HandlerActionResult(await actions.PostTaskResolutionAsync(request, id, taskId, client, request.HttpContext.RequestAborted));

    [Function("CloseIncident")]
    public async Task<IActionResult> Close(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = HttpRoutes.Api + HttpRoutes.IncidentClose)] HttpRequest request, string id,
        [DurableClient] DurableTaskClient client) =>
        new HandlerActionResult(await actions.PostCloseAsync(request, id, client, request.HttpContext.RequestAborted));

    [Function("GetDualControlRequest")]
    public async Task<IActionResult> GetRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Api + HttpRoutes.IncidentRequest)] HttpRequest request, string id, string requestId) =>
        new HandlerActionResult(await actions.GetRequestAsync(request, id, requestId, request.HttpContext.RequestAborted));

    [Function("VerifyIncidentEvidence")]
    public async Task<IActionResult> VerifyEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Api + HttpRoutes.IncidentEvidenceVerify)] HttpRequest request, string id) =>
        new HandlerActionResult(await console.VerifyEvidenceAsync(id, request.HttpContext.RequestAborted));

    /// <summary>The site root: the console's queue, behind App Service Authentication like every page but the webhook's.</summary>
    [Function("ConsoleRoot")]
    public static IActionResult ConsoleRoot(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Root)] HttpRequest request) =>
        new RedirectResult(ConsoleHandler.BasePath);

    [Function("ConsoleQueue")]
    public async Task<IActionResult> ConsoleQueue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Api + HttpRoutes.Console)] HttpRequest request) =>
        new HandlerActionResult(await console.QueueAsync(request, request.HttpContext.RequestAborted));

    [Function("ConsoleIncident")]
    public async Task<IActionResult> ConsoleIncident(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Api + HttpRoutes.ConsoleIncident)] HttpRequest request, string id) =>
        new HandlerActionResult(await console.IncidentAsync(request, id, request.HttpContext.RequestAborted));

    [Function("Health")]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.Api + HttpRoutes.Health)] HttpRequest request) =>
        new HandlerActionResult(await incidents.HealthAsync(request.Query["smoke"], request.HttpContext.RequestAborted));
}
