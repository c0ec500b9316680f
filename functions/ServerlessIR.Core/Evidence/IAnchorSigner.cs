namespace ServerlessIR.Core.Evidence;

/// <summary>Signs anchors with a key held outside the app (Key Vault), so an anchor forged in storage has no valid signature.</summary>
public interface IAnchorSigner
{
    /// <summary>Signs the SHA-256 <paramref name="digest"/> of an anchor (<see cref="AnchorSigning.Digest"/>).</summary>
    Task<AnchorSignature> SignAsync(byte[] digest, CancellationToken cancellationToken = default);
}
