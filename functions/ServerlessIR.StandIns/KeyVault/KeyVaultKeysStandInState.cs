using System.Security.Cryptography;

namespace ServerlessIR.StandIns.KeyVault;

/// <summary>
/// One EC P-256 key held by the Key Vault keys stand-in (<see cref="KeyVaultKeysStandIn"/>): it signs, and gives out only
/// its public half, as a vault would. Its private key comes from the local state folder, so anchors signed in one run
/// verify in the next.
/// </summary>
public sealed class KeyVaultKeysStandInState : IDisposable
{
    private readonly ECDsa key;
    private int signCount;

    /// <param name="keyName">The key's name, e.g. <c>evidence-anchor-key</c>.</param>
    /// <param name="pkcs8">The private key, PKCS#8 DER (<see cref="NewPrivateKey"/> makes one).</param>
    public KeyVaultKeysStandInState(string keyName, byte[] pkcs8)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentNullException.ThrowIfNull(pkcs8);
        KeyName = keyName;
        key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        // A version derived from the public key: stable across runs with the same key, different for another key.
        Version = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..32];
    }

    public string KeyName { get; }

    public string Version { get; }

    /// <summary>How many sign calls the stand-in answered.</summary>
    public int SignCount => Volatile.Read(ref signCount);

    /// <summary>A fresh P-256 private key as PKCS#8 DER.</summary>
    public static byte[] NewPrivateKey()
    {
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return fresh.ExportPkcs8PrivateKey();
    }

    /// <summary>The public JWK members (RFC 7517) for <c>GET keys/{name}</c>.</summary>
    public (string X, string Y) PublicPoint()
    {
        var q = key.ExportParameters(false).Q;
        return (System.Buffers.Text.Base64Url.EncodeToString(q.X), System.Buffers.Text.Base64Url.EncodeToString(q.Y));
    }

    /// <summary>ES256 over a SHA-256 digest: the 64-byte R||S pair, as Key Vault returns it.</summary>
    public byte[] Sign(byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        Interlocked.Increment(ref signCount);
        return key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose() => key.Dispose();
}
