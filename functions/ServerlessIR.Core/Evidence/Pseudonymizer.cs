using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Turns a customer identifier into a stable pseudonym: <c>psn:</c> + 20 lowercase base32 characters
/// (100 bits) of HMAC-SHA256 under a secret key.
/// </summary>
/// <remarks>
/// A keyed HMAC rather than a plain hash: e-mail addresses and Salesforce IDs are guessable, so an
/// unkeyed hash could be reversed by trying candidates. With the key (Key Vault in Azure, local
/// settings for drills) the same person maps to the same pseudonym across incidents, so records can
/// still be correlated; without it a pseudonym reveals nothing. Rotating the key breaks that linkage
/// on purpose.
/// </remarks>
public sealed class Pseudonymizer
{
    /// <summary>Prefix that marks a value as already pseudonymized.</summary>
    public const string Prefix = "psn:";

    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int OutputChars = 20;
    private static readonly SearchValues<char> Base32Chars = SearchValues.Create(Base32Alphabet);
    private readonly byte[] key;

    /// <param name="key">HMAC key, at least 32 bytes (the SHA-256 block strength).</param>
    public Pseudonymizer(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The pseudonymization key must be at least 32 bytes.", nameof(key));
        }

        this.key = (byte[])key.Clone();
    }

    /// <summary>
    /// True when <paramref name="value"/> has the shape of a pseudonym. Only a shape: anyone can write one, so it never
    /// decides whether to hash (see <see cref="Pseudonymize"/>); the evidence sanitizer uses it to leave its own output alone.
    /// </summary>
    public static bool IsPseudonym(string value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length == Prefix.Length + OutputChars &&
        value.AsSpan(Prefix.Length).IndexOfAnyExcept(Base32Chars) < 0;

    /// <summary>The pseudonym of <paramref name="identifier"/>, always computed.</summary>
    /// <remarks>
    /// An input that already looks like a pseudonym is hashed like any other: passing it through would let whoever writes
    /// an alert choose the pseudonym its principal correlates under, and so join or split incidents at will.
    /// </remarks>
    public string Pseudonymize(string identifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        var normalized = Normalize(identifier);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalized));
        return Prefix + Base32(mac, OutputChars);
    }

    // E-mail addresses are compared case-insensitively in practice, so Jane.Doe@ and jane.doe@
    // must give one pseudonym; Salesforce IDs are case-sensitive and stay as they are.
    private static string Normalize(string identifier)
    {
        var trimmed = identifier.Trim();
        return trimmed.Contains('@', StringComparison.Ordinal) ? trimmed.ToLowerInvariant() : trimmed;
    }

    private static string Base32(byte[] bytes, int chars)
    {
        var output = new StringBuilder(chars);
        int buffer = 0, bits = 0, index = 0;
        while (output.Length < chars)
        {
            if (bits < 5)
            {
                buffer = (buffer << 8) | bytes[index++];
                bits += 8;
            }

            bits -= 5;
            output.Append(Base32Alphabet[(buffer >> bits) & 31]);
        }

        return output.ToString();
    }
}
