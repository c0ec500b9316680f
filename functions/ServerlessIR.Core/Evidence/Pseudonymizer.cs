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

    // One keyed HMAC per thread, reused: setting the key up again for every identifier cost more than hashing it, and an
    // HMAC instance must not be shared between threads (this class is a singleton the webhook uses concurrently). It is
    // made again when a thread meets another key (tests, a rotated key).
    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hmac)? threadHmac;

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
        var hash = Hmac();
        hash.AppendData(Encoding.UTF8.GetBytes(normalized));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hash.GetHashAndReset(mac);
        return Base32(mac);
    }

    private IncrementalHash Hmac()
    {
        if (threadHmac is { } mine && ReferenceEquals(mine.Key, key))
        {
            return mine.Hmac;
        }
        threadHmac?.Hmac.Dispose();
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        threadHmac = (key, hmac);
        return hmac;
    }

    // E-mail addresses are compared case-insensitively in practice, so Jane.Doe@ and jane.doe@
    // must give one pseudonym; Salesforce IDs are case-sensitive and stay as they are.
    private static string Normalize(string identifier)
    {
        var trimmed = identifier.Trim();
        return trimmed.Contains('@', StringComparison.Ordinal) ? trimmed.ToLowerInvariant() : trimmed;
    }

    /// <summary><see cref="Prefix"/> and the first <see cref="OutputChars"/> base32 characters of <paramref name="bytes"/>.</summary>
    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        Span<char> output = stackalloc char[Prefix.Length + OutputChars];
        Prefix.CopyTo(output);
        int buffer = 0, bits = 0, index = 0;
        for (var at = Prefix.Length; at < output.Length; at++)
        {
            if (bits < 5)
            {
                buffer = (buffer << 8) | bytes[index++];
                bits += 8;
            }

            bits -= 5;
            output[at] = Base32Alphabet[(buffer >> bits) & 31];
        }

        return new string(output);
    }
}
