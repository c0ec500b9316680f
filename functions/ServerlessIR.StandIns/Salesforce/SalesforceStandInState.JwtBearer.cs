using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ServerlessIR.StandIns.Salesforce;

/// <summary>
/// The JWT bearer flow as Salesforce checks it: the connected app's consumer key and uploaded certificate (here its public
/// key), the login URL the assertion must be addressed to, and the users pre-authorized for the app. Written apart from
/// the adapter's signing code so a mistake there cannot hide behind the same mistake here.
/// </summary>
public sealed partial class SalesforceStandInState
{
    private readonly HashSet<string> jwtUsers = new(StringComparer.OrdinalIgnoreCase);
    private string? jwtConsumerKey;
    private string? jwtAudience;
    private byte[]? jwtPublicKey;

    /// <summary>Accepts JWT bearer assertions from <paramref name="consumerKey"/> signed by the key of <paramref name="publicKeyPem"/>.</summary>
    public void TrustJwtBearer(string consumerKey, string publicKeyPem, string audience, params string[] preAuthorizedUsers)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerKey);
        ArgumentException.ThrowIfNullOrEmpty(publicKeyPem);
        ArgumentNullException.ThrowIfNull(preAuthorizedUsers);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        lock (gate)
        {
            jwtConsumerKey = consumerKey;
            jwtAudience = audience;
            jwtPublicKey = rsa.ExportSubjectPublicKeyInfo();
            jwtUsers.Clear();
            jwtUsers.UnionWith(preAuthorizedUsers);
        }
    }

    /// <summary>Checks an assertion; returns the OAuth error (code, description) Salesforce would answer, or null when valid.</summary>
    public (string Error, string Description)? VerifyJwtBearer(string assertion, DateTimeOffset now)
    {
        string? consumerKey, audience;
        byte[]? publicKey;
        lock (gate) (consumerKey, audience, publicKey) = (jwtConsumerKey, jwtAudience, jwtPublicKey);
        if (consumerKey is null || publicKey is null)
        {
            return ("invalid_grant", "invalid assertion");
        }
        var parts = (assertion ?? "").Split('.');
        if (parts.Length != 3)
        {
            return ("invalid_grant", "invalid assertion");
        }
        try
        {
            using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return ("invalid_grant", "invalid assertion");
            }
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(publicKey, out _);
            if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return ("invalid_grant", "invalid assertion");
            }
            using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
            var root = claims.RootElement;
            if (Claim(root, "iss") != consumerKey)
            {
                return ("invalid_client_id", "client identifier invalid");
            }
            if (Claim(root, "aud") != audience)
            {
                return ("invalid_grant", "audience is invalid");
            }
            if (!root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number ||
                DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) <= now || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) > now.AddMinutes(5))
            {
                return ("invalid_grant", "expired authorization code");
            }
            lock (gate)
            {
                if (Claim(root, "sub") is not { } sub || !jwtUsers.Contains(sub))
                {
                    return ("invalid_grant", "user hasn't approved this consumer");
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or CryptographicException)
        {
            return ("invalid_grant", "invalid assertion");
        }
    }

    private static string? Claim(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
