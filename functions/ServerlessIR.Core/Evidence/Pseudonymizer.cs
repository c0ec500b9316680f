using System.Security.Cryptography;
using System.Text;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Keyed pseudonyms (HMAC-SHA256) for identifiers that must not enter the durable history or the evidence in clear:
/// stable for one key, so signals about the same person still correlate, and useless without the key.
/// </summary>
public sealed class Pseudonymizer
{
    private readonly byte[] key;

    public Pseudonymizer(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("The pseudonym key must be at least 128 bits.", nameof(key));
        }
        this.key = key;
    }

    /// <summary><c>psn:</c> followed by 20 hex characters of HMAC-SHA256(key, value).</summary>
    public string Pseudonymize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant()));
        return "psn:" + Convert.ToHexStringLower(mac.AsSpan(0, 10));
    }
}
