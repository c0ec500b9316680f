using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>The public members of a Key Vault JSON Web Key (RFC 7517 names), as <c>GET keys/{name}</c> returns them.</summary>
public sealed record KeyVaultJsonWebKey(
    [property: JsonPropertyName("kid")] string? Kid,
    [property: JsonPropertyName("kty")] string? Kty,
    [property: JsonPropertyName("crv")] string? Crv,
    [property: JsonPropertyName("x")] string? X,
    [property: JsonPropertyName("y")] string? Y,
    [property: JsonPropertyName("n")] string? N,
    [property: JsonPropertyName("e")] string? E)
{
    /// <summary>Whether <paramref name="signature"/> over <paramref name="digest"/> verifies with this public key.</summary>
    public bool Verifies(string algorithm, byte[] digest, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(signature);
        switch (algorithm)
        {
            case "ES256" when Kty is "EC" or "EC-HSM" && Crv == "P-256" && X is not null && Y is not null:
                using (var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = Base64Url.DecodeFromChars(X), Y = Base64Url.DecodeFromChars(Y) } }))
                {
                    return ec.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }
            case "RS256" when Kty is "RSA" or "RSA-HSM" && N is not null && E is not null:
                using (var rsa = RSA.Create(new RSAParameters { Modulus = Base64Url.DecodeFromChars(N), Exponent = Base64Url.DecodeFromChars(E) }))
                {
                    return rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }
            default:
                return false;
        }
    }
}
