using System.Security.Cryptography;
using System.Text;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The local counterpart of a Functions function key on <c>/api/events</c>: <c>?code=</c> or <c>x-functions-key</c>.
/// </summary>
public sealed class WebhookKeyFilter(string key) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Refusal(context.HttpContext.Request, key) ?? await next(context);
    }

    /// <summary>The 401 to answer when the request lacks the key or carries a wrong one; null when it carries the key.</summary>
    public static IResult? Refusal(HttpRequest request, string key)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(key);
        var given = request.Headers["x-functions-key"].ToString();
        if (string.IsNullOrEmpty(given))
        {
            given = request.Query["code"].ToString();
        }
        if (string.IsNullOrEmpty(given))
        {
            return Results.Problem("The webhook needs its key: pass ?code=KEY or the x-functions-key header.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Missing webhook key");
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key))
            ? null
            : Results.Problem("The webhook key is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Wrong webhook key");
    }
}
