using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Containment;

/// <summary>
/// Signs hook calls (fallback switch, rotation issuer): <c>X-ServerlessIR-Signature: sha256=hex(HMAC-SHA256(key, timestamp + "." + body))</c>
/// with <c>X-ServerlessIR-Timestamp</c> in Unix seconds, so the owning service can reject forged and replayed calls.
/// </summary>
public sealed class HookSigner(ISecretStore secrets, TimeProvider time)
{
    public const string SignatureHeader = "X-ServerlessIR-Signature";
    public const string TimestampHeader = "X-ServerlessIR-Timestamp";

    /// <summary>Adds the signature headers for <paramref name="body"/> with the HMAC key (base64) named <paramref name="secretName"/>.</summary>
    public async Task SignAsync(HttpRequestMessage request, string body, string secretName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var key = Convert.FromBase64String(await secrets.GetSecretAsync(secretName, cancellationToken));
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, "sha256=" + Compute(key, timestamp, body));
    }

    /// <summary>The hex HMAC of <c>timestamp.body</c>; the owning service recomputes it to verify.</summary>
    public static string Compute(byte[] key, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
