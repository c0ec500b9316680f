using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Functions;

/// <summary>
/// <c>GET|POST /api/approvals/{token}</c> and <c>GET|POST /api/notices/{token}</c> over the shared handler. Anonymous at
/// the Functions level because App Service Authentication in front of the app signs the approver in; the handler trusts
/// <c>X-MS-CLIENT-PRINCIPAL</c> only when configured as running behind it. A decision reaches the orchestration through
/// the invocation's <c>[DurableClient]</c> binding (the isolated extension registers no client service).
/// </summary>
public sealed class ApprovalFunctions(ApprovalsHandler approvals)
{
    [Function("Approval")]
    public Task<IActionResult> Approval(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = HttpRoutes.Api + HttpRoutes.Approval)] HttpRequest request, string token,
        [DurableClient] DurableTaskClient client) =>
        PageAsync(request, client, () => approvals.GetAsync(request, token), sink => approvals.PostAsync(request, token, sink));

    [Function("Notice")]
    public Task<IActionResult> Notice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = HttpRoutes.Api + HttpRoutes.Notice)] HttpRequest request, string token,
        [DurableClient] DurableTaskClient client) =>
        PageAsync(request, client, () => approvals.GetNoticeAsync(request, token), sink => approvals.PostNoticeAsync(request, token, sink));

    /// <summary>GET renders the page; only POST decides, through a sink around this invocation's client.</summary>
    private static async Task<IActionResult> PageAsync(HttpRequest request, DurableTaskClient client,
        Func<Task<IResult>> render, Func<IApprovalDecisionSink, Task<IResult>> decide)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = HttpMethods.IsPost(request.Method)
            ? await decide(new DurableApprovalDecisionSink(client))
            : await render();
        return new HandlerActionResult(result);
    }
}
