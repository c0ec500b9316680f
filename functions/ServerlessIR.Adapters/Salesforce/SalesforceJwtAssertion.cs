using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Salesforce;

/// <summary>
/// The assertion of Salesforce's OAuth 2.0 JWT bearer flow: <c>{"alg":"RS256"}</c>, claims <c>iss</c> (the connected app's
/// consumer key), <c>sub</c> (the username), <c>aud</c> (the login URL) and <c>exp</c> (a few minutes ahead), signed with the
/// private key whose certificate is uploaded to the connected app.
/// </summary>
public static class SalesforceJwtAssertion
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>Salesforce accepts an assertion whose expiry is at most a few minutes away.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    public static string Create(string consumerKey, string username, string audience, RSA key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerKey);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentNullException.ThrowIfNull(key);
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256" }));
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = consumerKey,
            sub = username,
            aud = audience,
            exp = (now + Lifetime).ToUnixTimeSeconds(),
        }));
        var signed = header + "." + claims;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url(signature);
    }

    /// <summary>
    /// Reads the signing key from a Key Vault secret value: PEM (a <c>PRIVATE KEY</c> or <c>RSA PRIVATE KEY</c> block,
    /// certificate blocks alongside are ignored) or base64 PKCS#12, the two forms Key Vault keeps a certificate's secret in.
    /// </summary>
    /// <exception cref="PermanentContainmentException">The value is neither; the message names the secret, never its value.</exception>
    public static RSA LoadKey(string secretValue, string secretName)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretValue);
        try
        {
            if (secretValue.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                var rsa = RSA.Create();
                try
                {
                    rsa.ImportFromPem(secretValue);
                    return rsa;
                }
                catch
                {
                    rsa.Dispose();
                    throw;
                }
            }
            using var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(secretValue), null);
            return certificate.GetRSAPrivateKey() ?? throw new CryptographicException("no RSA private key");
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            // No inner exception: parser messages are not meant to carry key material, but nothing here needs to risk it.
            throw new PermanentContainmentException(
                $"Secret '{secretName}' does not hold an RSA private key (PEM or base64 PKCS#12) for the Salesforce JWT bearer flow.");
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
