using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ServerlessIR.StandIns.Entra;

/// <summary>
/// A tenant's token signing key for the OpenID stand-in (<see cref="OpenIdStandIn"/>), and a minter of the access tokens
/// Event Grid would present to a webhook: RS256 JWTs with the claims Entra puts in them, so the app's real validation
/// code runs against HTTP metadata and keys.
/// </summary>
public sealed class OpenIdStandInState : IDisposable
{
    /// <summary>Event Grid's first-party application ID, the <c>appid</c> of its delivery tokens.</summary>
    public const string EventGridAppId = "4962773b-9cdb-44cf-a8bf-237846a00ab7";

    private readonly RSA key = RSA.Create(2048);

    public OpenIdStandInState(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        TenantId = tenantId;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public string TenantId { get; }

    public string KeyId { get; }

    /// <summary>The v1 issuer Event Grid's tokens carry.</summary>
    public string Issuer => $"https://sts.windows.net/{TenantId}/";

    /// <summary>The public key as a JWK (RFC 7517) for the key set.</summary>
    public object Jwk()
    {
        var p = key.ExportParameters(false);
        return new { kty = "RSA", use = "sig", kid = KeyId, n = Base64Url.EncodeToString(p.Modulus), e = Base64Url.EncodeToString(p.Exponent) };
    }

    /// <summary>
    /// A token as Event Grid would get it for <paramref name="audience"/>. Every claim can be changed to make a bad one:
    /// another <paramref name="appId"/>, no role, a lifetime in the past, another issuer, or <paramref name="signWith"/>
    /// a key the tenant does not publish (a forgery).
    /// </summary>
    public string Mint(string audience, DateTimeOffset now, TimeSpan? lifetime = null, string appId = EventGridAppId,
        IReadOnlyList<string>? roles = null, string? issuer = null, RSA? signWith = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        var header = new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId };
        var payload = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = issuer ?? Issuer,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["appid"] = appId,
            ["appidacr"] = "2",
            ["idp"] = Issuer,
            ["oid"] = "0f0e0d0c-0b0a-0908-0706-050403020100",
            ["sub"] = "0f0e0d0c-0b0a-0908-0706-050403020100",
            ["tid"] = TenantId,
            ["ver"] = "1.0",
            ["roles"] = roles ?? ["AzureEventGridSecureWebhookSubscriber"],
        };
        var signingInput = Part(header) + "." + Part(payload);
        var signature = (signWith ?? key).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static string Part(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    public void Dispose() => key.Dispose();
}
