using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// <c>GET /</c> on the local host: the incident console's queue, as docs/architecture.md promises. The page itself is the
/// shared route below <c>/api</c> (<see cref="HttpRoutes.Console"/>), which both hosts serve; the root only redirects to
/// it, so it works whichever host (<c>--host local|functions</c>) handles <c>/api</c>.
/// </summary>
public static class LocalConsoleRoot
{
    public static IEndpointRouteBuilder MapLocalConsoleRoot(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Redirect(ConsoleHandler.BasePath));
        return app;
    }
}
