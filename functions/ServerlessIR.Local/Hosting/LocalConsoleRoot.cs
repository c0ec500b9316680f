using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// <c>GET /</c> on the local host: the incident console's queue, as docs/architecture.md promises. The page itself is the
/// shared route below <c>/api</c> (<see cref="HttpRoutes.Console"/>); the root only redirects to it, as the Functions app's
/// <c>ConsoleRoot</c> function does under <c>--host functions</c> and in Azure.
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
