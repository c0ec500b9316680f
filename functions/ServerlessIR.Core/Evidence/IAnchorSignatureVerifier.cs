namespace ServerlessIR.Core.Evidence;

/// <summary>Checks an anchor's signature against the public half of the key it names.</summary>
public interface IAnchorSignatureVerifier
{
    /// <summary>Null when <paramref name="anchor"/> carries a valid signature by a trusted key; otherwise what is wrong, in a sentence.</summary>
    Task<string?> ProblemAsync(EvidenceAnchor anchor, CancellationToken cancellationToken = default);
}
