using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Reads the signed-in user from App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON with
/// <c>auth_typ</c>, <c>claims[{typ,val}]</c>, <c>name_typ</c>, <c>role_typ</c>). Refuses (null) unless the app is
/// configured as running behind App Service Authentication: without it the header is whatever the caller sent.
/// Authorization reads the object ID (<c>oid</c>, which App Service maps to the <c>objectidentifier</c> claim type) and
/// the app roles; the UPN is kept only to show who acted.
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

    /// <summary>Claim types that carry the Entra object ID.</summary>
    private static readonly string[] ObjectIdClaimTypes = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];

    /// <summary>Claim types that carry app roles, besides the principal's own <c>role_typ</c>.</summary>
    private static readonly string[] RoleClaimTypes = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    private readonly ApproverIdentityOptions options;

    public AppServiceApproverIdentityResolver(ApproverIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    public Task<CallerIdentity?> ResolveAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.RunningBehindAppServiceAuth)
        {
            return Task.FromResult<CallerIdentity?>(null);
        }
        var header = request.Headers[HeaderName].ToString();
        return Task.FromResult(string.IsNullOrEmpty(header) ? null : ParseCaller(header));
    }

    /// <summary>
    /// The caller in an encoded principal: its UPN to show (else its object ID), its object ID and app roles to decide
    /// on; null when the header is not a principal we understand or names nobody.
    /// </summary>
    public static CallerIdentity? ParseCaller(string encodedPrincipal)
    {
        var principal = Decode(encodedPrincipal);
        if (principal is null)
        {
            return null;
        }
        var objectId = principal.Claims.FirstOrDefault(c => ObjectIdClaimTypes.Contains(c.Type, StringComparer.OrdinalIgnoreCase) && c.Value.Length > 0)?.Value;
        var roleTypes = principal.RoleClaimType is { Length: > 0 } roleType ? RoleClaimTypes.Append(roleType) : RoleClaimTypes;
        var roles = principal.Claims.Where(c => roleTypes.Contains(c.Type, StringComparer.OrdinalIgnoreCase)).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var name = Upn(principal) ?? objectId;
        return name is null ? null : new CallerIdentity(name, objectId, roles);
    }

    /// <summary>The UPN in an encoded principal, or null when the header is not a principal we understand.</summary>
    public static string? Parse(string encodedPrincipal) => Decode(encodedPrincipal) is { } principal ? Upn(principal) : null;

    private static AppServiceClientPrincipal? Decode(string encodedPrincipal)
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
        return principal;
    }

    private static string? Upn(AppServiceClientPrincipal principal)
    {
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
