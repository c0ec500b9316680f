using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The local host answers only to its loopback names on its own port (<c>127.0.0.1</c>, <c>localhost</c>, <c>[::1]</c>):
/// Kestrel listens on loopback only, but a web page can point a name of its own at 127.0.0.1 (DNS rebinding) and reach
/// the API as a same-origin page of that name. Such a request carries the page's name in <c>Host</c>, and is answered
/// 421 (Misdirected Request) before any route sees it; a request without a Host is 400.
/// </summary>
public static class LoopbackHostFilter
{
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    public static IApplicationBuilder UseLoopbackHostsOnly(this IApplicationBuilder app, int port) => app.UseLoopbackHostsOnly([port]);

    /// <summary>The same for a server that listens on several ports (the stand-ins: one per Salesforce org); the first is named in the refusal.</summary>
    public static IApplicationBuilder UseLoopbackHostsOnly(this IApplicationBuilder app, IReadOnlyList<int> ports)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(ports);
        var port = ports[0];
        return app.Use(async (context, next) =>
        {
            var host = context.Request.Host;
            if (ports.Any(p => IsLoopback(host, p)))
            {
                await next(context);
                return;
            }
            var status = host.HasValue ? StatusCodes.Status421MisdirectedRequest : StatusCodes.Status400BadRequest;
            await Problems.Create(status, "Not this host",
                $"This is ServerlessIR's local host; it answers only to http://127.0.0.1:{port} (or localhost, [::1]), not to Host '{Quote(host.Value)}'.",
                ["Host"]).ExecuteAsync(context);
        });
    }

    /// <summary>True for a loopback name with exactly <paramref name="port"/>.</summary>
    public static bool IsLoopback(HostString host, int port) =>
        host.HasValue && host.Port == port && LoopbackNames.Contains(host.Host, StringComparer.OrdinalIgnoreCase);

    private static string Quote(string? value) => value is null ? "" : value.Length <= 80 ? value : value[..80] + "…";
}
