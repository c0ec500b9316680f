using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ServerlessIR.Functions;

/// <summary>
/// Runs an <see cref="IResult"/> from a shared handler inside the Functions ASP.NET Core pipeline, which expects an
/// <see cref="IActionResult"/>: the handlers answer with minimal-API results because the local host serves them too.
/// </summary>
internal sealed class HandlerActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return result.ExecuteAsync(context.HttpContext);
    }
}
