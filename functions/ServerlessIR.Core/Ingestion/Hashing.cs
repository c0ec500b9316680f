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
}
