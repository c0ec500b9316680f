using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Reads the signed-in user from App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON with
/// <c>auth_typ</c>, <c>claims[{typ,val}]</c>, <c>name_typ</c>, <c>role_typ</c>). Refuses (null) unless the app is
/// configured as running behind App Service Authentication: without it the header is whatever the caller sent.
/// </summary>
public sealed class AppServiceApproverIdentityResolver : IApproverIdentityResolver
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Claim types that carry a UPN, most specific first (App Service maps <c>upn</c> to the SOAP URI).</summary>
    private static readonly string[] UpnClaimTypes =
    [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
        "upn",
        "preferred_username",
    ];

    private readonly ApproverIdentityOptions options;

    public AppServiceApproverIdentityResolver(ApproverIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    public Task<string?> ResolveAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.RunningBehindAppServiceAuth)
        {
            return Task.FromResult<string?>(null);
        }
        var header = request.Headers[HeaderName].ToString();
        return Task.FromResult(string.IsNullOrEmpty(header) ? null : Parse(header));
    }

    /// <summary>The UPN in an encoded principal, or null when the header is not a principal we understand.</summary>
    public static string? Parse(string encodedPrincipal)
    {
        AppServiceClientPrincipal? principal;
        try
        {
            principal = JsonSerializer.Deserialize<AppServiceClientPrincipal>(Encoding.UTF8.GetString(Convert.FromBase64String(encodedPrincipal)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
        if (principal is null)
        {
            return null;
        }
        var types = principal.NameClaimType is { Length: > 0 } nameType ? UpnClaimTypes.Append(nameType) : UpnClaimTypes;
        foreach (var type in types)
        {
            var claim = principal.Claims.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase) && c.Value.Contains('@', StringComparison.Ordinal));
            if (claim is not null)
            {
                return claim.Value;
            }
        }
        return null;
    }
}
