using System.Net;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// <c>GET /signin?code=…</c> on the local host: redeems a one-time code that <c>ir serve</c> printed (<see cref="LocalSessions"/>),
/// sets the session cookie and says who this browser now acts as. A used or unknown code is 403 and sets nothing. Outside
/// <c>/api</c>, because it belongs to the local host only: in Azure, App Service Authentication signs people in.
/// </summary>
public static class LocalSignIn
{
    public const string Path = "/signin";

    /// <summary>What approval and notice links start with locally: the sign-in, then the page (<c>return</c>).</summary>
    public const string ReturnPath = Path + "?return=";

    public static IEndpointRouteBuilder MapLocalSignIn(this IEndpointRouteBuilder app, LocalSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(sessions);
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            var target = Return(context.Request.Query["return"].ToString());
            var code = context.Request.Query["code"].ToString();
            if (target is not null && code.Length == 0)
            {
                // A link from an e-mail or card: a browser that is signed in goes straight to the page; the drill's people
                // name themselves per request; anyone else is told how to sign in and come back.
                if (sessions.Resolve(context.Request) is not null || context.Request.Headers.ContainsKey(LocalApproverIdentityResolver.HeaderName))
                {
                    return Results.Redirect(target);
                }
                return Results.Content(Page("Sign-in required",
                    "Open the sign-in link ir serve printed for you in this browser first, then open this link again."),
                    "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status401Unauthorized);
            }
            var session = sessions.Redeem(code);
            if (session is not { } signedIn)
            {
                return Results.Content(Page("Sign-in link not valid",
                    "This sign-in link is unknown or was already used (each works once). Restart ir serve for new links."),
                    "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status403Forbidden);
            }
            context.Response.Cookies.Append(LocalSessions.CookieName, signedIn.SessionId, LocalSessions.CookieOptions);
            if (target is not null)
            {
                return Results.Redirect(target);
            }
            return Results.Content(Page("Signed in",
                $"This browser now acts as {signedIn.Person} on this local host, until the browser or ir serve stops. Open the approval and notice links here."),
                "text/html; charset=utf-8", System.Text.Encoding.UTF8);
        });
        return app;
    }

    /// <summary>
    /// Where to go after signing in: only this host's approval and notice pages, so the sign-in cannot be used to send a
    /// browser elsewhere (an open redirect).
    /// </summary>
    private static string? Return(string target) =>
        (target.StartsWith("/api/approvals/", StringComparison.Ordinal) || target.StartsWith("/api/notices/", StringComparison.Ordinal))
        && !target.Contains("//", StringComparison.Ordinal) && !target.Contains('\\', StringComparison.Ordinal)
            ? target
            : null;

    /// <summary>The link that signs a browser in as the person <paramref name="code"/> was issued for.</summary>
    public static Uri Link(Uri apiUrl, string code) => new(apiUrl, $"{Path}?code={Uri.EscapeDataString(code)}");

    private static string Page(string title, string text) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
        $"<body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto\"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p></body></html>";
}
