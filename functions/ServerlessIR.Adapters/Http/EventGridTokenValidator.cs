using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Validates the bearer token Event Grid sends with an Entra-authenticated webhook delivery: signature against the
/// tenant's OpenID signing keys (metadata fetched and cached by <see cref="ConfigurationManager{T}"/>, refreshed on an
/// unknown key ID), issuer (v1 <c>sts.windows.net</c> or v2 <c>login.microsoftonline.com</c>), audience (the client ID or
/// <c>api://</c> it), lifetime, the caller being Event Grid's first-party app (<c>appid</c> or <c>azp</c>) and, where
/// configured, its <c>AzureEventGridSecureWebhookSubscriber</c> role.
/// </summary>
public sealed class EventGridTokenValidator
{
    private readonly EventGridDeliveryOptions options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> metadata;
    private readonly JsonWebTokenHandler handler = new();

    // One client for the process: the metadata and keys are fetched rarely and cached.
    private static readonly HttpClient SharedHttp = new() { Timeout = TimeSpan.FromSeconds(30) };

    public EventGridTokenValidator(EventGridDeliveryOptions options, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.RequiresToken())
        {
            throw new ArgumentException("Token validation needs ServerlessIR:EventGrid:TenantId and Audience.", nameof(options));
        }
        this.options = options;
        var authority = options.Authority;
        var address = new Uri(authority, $"{options.TenantId}/v2.0/.well-known/openid-configuration").AbsoluteUri;
        // Plain http only for a stand-in on this machine; Entra is always https.
        var retriever = new HttpDocumentRetriever(http ?? SharedHttp) { RequireHttps = !authority.IsLoopback };
        metadata = new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    /// <summary>Null when <paramref name="authorization"/> (the whole header) carries a valid Event Grid token; else why not.</summary>
    /// <exception cref="InvalidOperationException">The tenant's OpenID metadata could not be read (a retryable condition).</exception>
    public async Task<string?> ProblemAsync(string? authorization, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return "no Authorization header; Event Grid's Entra-authenticated delivery sends 'Bearer <token>'";
        }
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "the Authorization header is not a Bearer token";
        }
        var token = authorization["Bearer ".Length..].Trim();
        if (!handler.CanReadToken(token))
        {
            return "the bearer token is not a JWT";
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
        {
            throw new InvalidOperationException($"The tenant's OpenID metadata could not be read: {ex.Message}", ex);
        }

        var tenant = options.TenantId!;
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"],
            ValidAudiences = [options.Audience!, "api://" + options.Audience],
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(5),
        };
        var result = await handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The tenant may have rolled its keys since the metadata was cached: fetch once more, then decide.
            metadata.RequestRefresh();
            parameters.IssuerSigningKeys = (await metadata.GetConfigurationAsync(cancellationToken)).SigningKeys;
            result = await handler.ValidateTokenAsync(token, parameters);
        }
        if (!result.IsValid)
        {
            return Describe(result.Exception);
        }

        var caller = Claim(result, "appid") ?? Claim(result, "azp");
        if (!string.Equals(caller, EventGridDeliveryOptions.EventGridApplicationId, StringComparison.OrdinalIgnoreCase))
        {
            return $"the token was issued to application '{caller ?? "(none)"}', not Event Grid ({EventGridDeliveryOptions.EventGridApplicationId})";
        }
        if (options.RequireRole && !HasRole(result, EventGridDeliveryOptions.SubscriberRole))
        {
            return $"the token's roles do not include {EventGridDeliveryOptions.SubscriberRole}";
        }
        return null;
    }

    private static string? Claim(TokenValidationResult result, string name) =>
        result.Claims.TryGetValue(name, out var value) ? value?.ToString() : null;

    private static bool HasRole(TokenValidationResult result, string role) =>
        result.ClaimsIdentity.Claims.Any(c => c.Type is "roles" or "http://schemas.microsoft.com/ws/2008/06/identity/claims/role" && c.Value == role);

    // Names the failed check; never echoes the token.
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not yet valid",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token was issued by another issuer or tenant",
        SecurityTokenSignatureKeyNotFoundException => "the token is signed by a key the tenant does not publish",
        SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        null => "the token did not validate",
        _ => "the token did not validate (" + exception.GetType().Name + ")",
    };
}
