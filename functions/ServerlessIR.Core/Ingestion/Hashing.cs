using System.Security.Cryptography;
using System.Text;

namespace ServerlessIR.Core.Ingestion;

/// <summary>Stable hashes for keys and deterministic IDs.</summary>
public static class Hashing
{
    public static string Sha256Hex(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>The first <paramref name="chars"/> characters of <see cref="Sha256Hex"/>, without making the rest.</summary>
    public static string Sha256HexPrefix(string value, int chars)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(chars);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chars, 2 * SHA256.HashSizeInBytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        var hex = Convert.ToHexStringLower(hash[..((chars + 1) / 2)]);
        return hex.Length == chars ? hex : hex[..chars];
    }
}
