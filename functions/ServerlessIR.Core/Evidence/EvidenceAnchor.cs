namespace ServerlessIR.Core.Evidence;

/// <summary>
/// A witness of the chain's head at one moment, kept outside the ledger (anchor table, immutable blob).
/// </summary>
/// <remarks>
/// Anchors are keyed by <paramref name="RecordCount"/>: anchoring the same head twice is the same
/// anchor, which makes the anchoring activity idempotent. A rewrite of the whole chain still
/// verifies link by link, but no longer matches its anchors.
/// </remarks>
/// <param name="IncidentId">The incident whose chain is anchored.</param>
/// <param name="RecordCount">Number of records covered (= sequence of the head record).</param>
/// <param name="HeadHash">Hash of record <paramref name="RecordCount"/>.</param>
/// <param name="Reason">Why it was taken: a checkpoint name (<c>24h</c>), <c>closed</c>, <c>manual</c>.</param>
/// <param name="WallTime">When the anchor was written (real time).</param>
/// <param name="RetainUntil">Evidence of this incident must not be deleted before this instant.</param>
/// <param name="Regimes">The regimes whose record-keeping rules set <paramref name="RetainUntil"/>.</param>
public sealed record EvidenceAnchor(
    string IncidentId,
    long RecordCount,
    string HeadHash,
    string Reason,
    DateTimeOffset WallTime,
    DateTimeOffset RetainUntil,
    IReadOnlyList<string> Regimes)
{
    /// <summary>The signature over <see cref="AnchorSigning.Digest"/>; null where no signing key is configured.</summary>
    public AnchorSignature? Signature { get; init; }
}
