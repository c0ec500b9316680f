using System.Buffers.Text;
using System.Collections.Concurrent;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>
/// Signs anchors with the configured Key Vault key and verifies them against its public half. Only versions of that one key
/// are trusted: an anchor naming another vault or key (one an attacker controls) does not verify.
/// </summary>
/// <remarks>
/// The app identity holds Key Vault Crypto User on that key only: it can sign, nobody can read the private key, and someone
/// who can write the anchor table or blobs but cannot call the vault cannot make a forged anchor verify.
/// </remarks>
public sealed class KeyVaultAnchorSigner : IAnchorSigner, IAnchorSignatureVerifier
{
    private readonly KeyVaultKeysClient keys;
    private readonly string keyName;
    private readonly string algorithm;
    private readonly string trustedPrefix;
    private readonly ConcurrentDictionary<string, KeyVaultJsonWebKey> publicKeys = new(StringComparer.Ordinal);

    public KeyVaultAnchorSigner(KeyVaultKeysClient keys, string keyName, string algorithm = "ES256")
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        this.keys = keys;
        this.keyName = keyName;
        this.algorithm = algorithm;
        trustedPrefix = new Uri(keys.VaultUri, "keys/" + keyName + "/").AbsoluteUri;
    }

    public async Task<AnchorSignature> SignAsync(byte[] digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        // The latest version signs; its ID goes into the anchor so a rotated key still verifies old anchors.
        var latest = await keys.GetKeyAsync(keyName, cancellationToken);
        var kid = latest.Kid ?? throw new InvalidDataException($"Key Vault key '{keyName}' has no kid.");
        var signature = await keys.SignAsync(kid, algorithm, digest, cancellationToken);
        publicKeys.TryAdd(kid, latest);
        return new AnchorSignature(kid, algorithm, Base64Url.EncodeToString(signature));
    }

    public async Task<string?> ProblemAsync(EvidenceAnchor anchor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        if (anchor.Signature is not { } signature)
        {
            return "is not signed";
        }
        if (!signature.KeyId.StartsWith(trustedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return $"is signed by '{signature.KeyId}', not by the evidence key {trustedPrefix}";
        }
        if (!publicKeys.TryGetValue(signature.KeyId, out var key))
        {
            key = await keys.GetKeyAsync(signature.KeyId, cancellationToken);
            publicKeys.TryAdd(signature.KeyId, key);
        }
        byte[] value;
        try
        {
            value = Base64Url.DecodeFromChars(signature.Value);
        }
        catch (FormatException)
        {
            return "has a signature that is not base64url";
        }
        return key.Verifies(signature.Algorithm, AnchorSigning.Digest(anchor), value)
            ? null
            : $"has a signature that does not verify with {signature.KeyId}";
    }
}
