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

    public static IEndpointRouteBuilder MapLocalSignIn(this IEndpointRouteBuilder app, LocalSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(sessions);
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            var session = sessions.Redeem(context.Request.Query["code"].ToString());
            if (session is not { } signedIn)
            {
                return Results.Content(Page("Sign-in link not valid",
                    "This sign-in link is unknown or was already used (each works once). Restart ir serve for new links."),
                    "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status403Forbidden);
            }
            context.Response.Cookies.Append(LocalSessions.CookieName, signedIn.SessionId, LocalSessions.CookieOptions);
            return Results.Content(Page("Signed in",
                $"This browser now acts as {signedIn.Person} on this local host, until the browser or ir serve stops. Open the approval and notice links here."),
                "text/html; charset=utf-8", System.Text.Encoding.UTF8);
        });
        return app;
    }

    /// <summary>The link that signs a browser in as the person <paramref name="code"/> was issued for.</summary>
    public static Uri Link(Uri apiUrl, string code) => new(apiUrl, $"{Path}?code={Uri.EscapeDataString(code)}");

    private static string Page(string title, string text) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
        $"<body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto\"><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p></body></html>";
}
