using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Whether a state-changing request (a form post, the facts and false-positive routes) comes from this app's own pages,
/// judged against the configured public base URL (<c>ServerlessIR:Approvals:PublicBaseUrl</c>, the URL approval links
/// are built from), never against the request's <c>Host</c>: behind App Service's front end the Host the app sees need not
/// be the public name, and a DNS-rebinding page controls it.
/// </summary>
/// <remarks>
/// The rules, in order: <c>Sec-Fetch-Site: cross-site</c> is refused; an <c>Origin</c> must be the public origin (an
/// opaque <c>null</c> origin is refused); without an Origin, a <c>Referer</c> must be on the public origin; with neither,
/// a request that carries a cookie is refused (every browser sends Origin on a POST, so a cookie without one is a
/// browser-style request we cannot place), and one without a cookie is allowed: an API client authenticates with a
/// bearer token or (in a drill) the local identity header, which a cross-site page cannot make a browser send. When the
/// public URL is on loopback, the loopback names (<c>127.0.0.1</c>, <c>localhost</c>, <c>[::1]</c>) on the same port are
/// the same origin.
/// </remarks>
public sealed class OriginPolicy
{
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    private readonly HashSet<string> allowed;

    public OriginPolicy(IOptions<ApprovalTokenOptions> options)
        : this(options?.Value.PublicBaseUrl ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public OriginPolicy(string publicBaseUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(publicBaseUrl);
        var url = new Uri(publicBaseUrl, UriKind.Absolute);
        PublicOrigin = url.GetLeftPart(UriPartial.Authority);
        allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Serialize(url) };
        if (url.IsLoopback)
        {
            foreach (var name in LoopbackNames)
            {
                allowed.Add($"{url.Scheme}://{name}:{url.Port}");
            }
        }
    }

    /// <summary>The origin every state-changing request must come from, e.g. <c>https://func-x.azurewebsites.net</c>.</summary>
    public string PublicOrigin { get; }

    /// <summary>Null when the request may change state; otherwise why not, in words for the 403.</summary>
    public string? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers["Sec-Fetch-Site"].ToString() == "cross-site")
        {
            return "the browser says this request comes from another site (Sec-Fetch-Site: cross-site)";
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return IsAllowed(origin)
                ? null
                : $"Origin '{Trim(origin)}' is not {PublicOrigin}";
        }
        var referer = request.Headers.Referer.ToString();
        if (referer.Length > 0)
        {
            return IsAllowed(referer)
                ? null
                : $"Referer is not on {PublicOrigin}";
        }
        return request.Headers.Cookie.Count > 0
            ? $"a request with a cookie must say where it comes from (Origin or Referer on {PublicOrigin})"
            : null;
    }

    /// <summary>An absolute http(s) URL whose scheme, host and port are the public origin's (an opaque <c>null</c> is not).</summary>
    private bool IsAllowed(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var from) && from.Scheme is "http" or "https" && allowed.Contains(Serialize(from));

    /// <summary>Scheme, host and port, the port always written, so <c>https://x</c> and <c>https://x:443</c> compare equal.</summary>
    private static string Serialize(Uri url) => $"{url.Scheme}://{url.Host}:{url.Port}";

    private static string Trim(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
