using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>What both anchor stores do when an anchor for the same record count is already stored.</summary>
internal static class AnchorConflicts
{
    /// <summary>
    /// The stored anchor when it names the same head (a retried activity); otherwise the chain was rewritten between the
    /// two anchorings, and that is an <see cref="EvidenceConflictException"/>, never an overwrite.
    /// </summary>
    public static EvidenceAnchor KeepStored(EvidenceAnchor stored, EvidenceAnchor attempted, string store) =>
        string.Equals(stored.HeadHash, attempted.HeadHash, StringComparison.Ordinal)
            ? stored
            : throw new EvidenceConflictException(attempted.IncidentId, attempted.RecordCount,
                $"{store} already holds head {stored.HeadHash}, not {attempted.HeadHash}");
}
