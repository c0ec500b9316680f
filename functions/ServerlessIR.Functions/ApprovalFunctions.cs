using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Http;

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
    public async Task<IActionResult> Approval(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "approvals/{token}")] HttpRequest request, string token,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = HttpMethods.IsPost(request.Method)
            ? await approvals.PostAsync(request, token, new DurableApprovalDecisionSink(client))
            : await approvals.GetAsync(request, token);
        return new HandlerResult(result);
    }

    [Function("Notice")]
    public async Task<IActionResult> Notice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "notices/{token}")] HttpRequest request, string token,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = HttpMethods.IsPost(request.Method)
            ? await approvals.PostNoticeAsync(request, token, new DurableApprovalDecisionSink(client))
            : await approvals.GetNoticeAsync(request, token);
        return new HandlerResult(result);
    }

    private sealed class HandlerResult(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
