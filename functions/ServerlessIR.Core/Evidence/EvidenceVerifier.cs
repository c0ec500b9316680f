namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Recomputes an incident's chain and compares it with its anchors; reports the first bad sequence.
/// </summary>
/// <remarks>
/// Records are taken in storage order (the ledger's row order). Per position <c>i</c> (1-based) the
/// record must belong to the incident, carry sequence <c>i</c>, link to the hash of record
/// <c>i - 1</c> (genesis for 1), and hash to its stored hash. Then every anchor must match: an anchor
/// covering more records than are left means the tail was cut off; an anchor whose head hash differs
/// from the record it names means the chain was rewritten. Records appended after the last anchor are
/// fine. What each tampering looks like: modified record, hash mismatch at it; deleted record, gap at
/// it; inserted record, duplicate sequence or chain break; reordered records, out of order or chain
/// break at the first displaced one; truncated tail, the first missing sequence.
/// </remarks>
public static class EvidenceVerifier
{
    public static EvidenceVerification Verify(string incidentId, IReadOnlyList<EvidenceRecord> records, IEnumerable<EvidenceAnchor>? anchors = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(records);
        var anchorList = (anchors ?? []).OrderBy(a => a.RecordCount).ToList();
        var head = records.Count > 0 ? records[^1].Hash : null;

        var chainFailure = CheckChain(incidentId, records);
        var limit = chainFailure?.Sequence ?? long.MaxValue;

        // An anchor below the chain failure can still reveal an earlier rewrite, so check those too
        // and report whichever problem comes first.
        foreach (var anchor in anchorList)
        {
            if (anchor.RecordCount >= limit)
            {
                break;
            }

            var failure = CheckAnchor(incidentId, records, anchor);
            if (failure is not null)
            {
                return Fail(records, head, failure.Value, anchorList.Count);
            }
        }

        if (chainFailure is not null)
        {
            return Fail(records, head, chainFailure.Value, anchorList.Count);
        }

        if (records.Count == 0)
        {
            return Fail(records, head, (1, $"no evidence records for incident '{incidentId}'"), anchorList.Count);
        }

        return new EvidenceVerification(true, records.Count, head, null, null, anchorList.Count);
    }

    /// <summary>
    /// <see cref="Verify"/>, then every anchor's signature through <paramref name="signatures"/> (when given); the lower
    /// of the two first problems is reported.
    /// </summary>
    public static async Task<EvidenceVerification> VerifyAsync(string incidentId, IReadOnlyList<EvidenceRecord> records, IReadOnlyList<EvidenceAnchor> anchors,
        IAnchorSignatureVerifier? signatures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var result = Verify(incidentId, records, anchors);
        if (signatures is null || await AnchorSigning.FirstProblemAsync(anchors, signatures, cancellationToken) is not { } bad)
        {
            return result;
        }

        return result.Verified || bad.Sequence < result.FirstBadSequence
            ? result with { Verified = false, FirstBadSequence = bad.Sequence, Problem = bad.Problem }
            : result;
    }

    /// <summary>
    /// Verifies the chain from the record <paramref name="anchor"/> witnessed to the head: <paramref name="tail"/> is the
    /// stored records from that one on. The anchored record must still hash to the anchor's head, and each later one chain
    /// to it. What lies before the anchor is not read: it was verified when the anchor was taken, and a change to it since
    /// shows against that anchor in a whole verification (<see cref="Verify"/>), whatever is anchored after it.
    /// </summary>
    public static EvidenceVerification VerifyFrom(string incidentId, EvidenceAnchor anchor, IReadOnlyList<EvidenceRecord> tail, int anchors = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(tail);
        var from = anchor.RecordCount;
        var count = from - 1 + tail.Count;
        var head = tail.Count > 0 ? tail[^1].Hash : null;
        var label = $"anchor '{anchor.Reason}' of {EvidenceHasher.FormatTime(anchor.WallTime)}";
        (long Sequence, string Problem)? failure =
            !string.Equals(anchor.IncidentId, incidentId, StringComparison.Ordinal) ? (from, $"{label} belongs to incident '{anchor.IncidentId}'")
            : tail.Count == 0 || tail[0].Sequence != from
                ? (from, $"truncated: {label} covers {from} records with head {anchor.HeadHash}, but record {from} is not stored")
            : !string.Equals(tail[0].Hash, anchor.HeadHash, StringComparison.Ordinal)
                ? (from, $"anchor mismatch: {label} has head {anchor.HeadHash}, record {from} has {tail[0].Hash} (chain rewritten)")
            : CheckChain(incidentId, tail, from, tail[0].PreviousHash);
        return failure is { } bad
            ? new EvidenceVerification(false, count, head, bad.Sequence, bad.Problem, anchors)
            : new EvidenceVerification(true, count, head, null, null, anchors);
    }

    private static (long Sequence, string Problem)? CheckChain(string incidentId, IReadOnlyList<EvidenceRecord> records) =>
        CheckChain(incidentId, records, 1, EvidenceHasher.GenesisHash);

    /// <summary>The first problem in <paramref name="records"/>, which should be records <paramref name="first"/> on, the first chained to <paramref name="previous"/>.</summary>
    private static (long Sequence, string Problem)? CheckChain(string incidentId, IReadOnlyList<EvidenceRecord> records, long first, string previous)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var expected = first + i;
            var record = records[i];
            if (!string.Equals(record.IncidentId, incidentId, StringComparison.Ordinal))
            {
                return (expected, $"record at position {expected} names incident '{record.IncidentId}', not '{incidentId}'");
            }

            if (record.Sequence != expected)
            {
                if (record.Sequence < expected)
                {
                    return (record.Sequence, $"duplicate record: sequence {record.Sequence} appears again after sequence {expected - 1} (inserted record)");
                }

                var laterCopy = records.Skip(i + 1).Any(r => r.Sequence == expected);
                return laterCopy
                    ? (expected, $"out of order: record {record.Sequence} is stored where record {expected} belongs (reordered records)")
                    : (expected, $"gap: record {expected} is missing, the next stored record is {record.Sequence} (deleted record)");
            }

            if (!string.Equals(record.PreviousHash, previous, StringComparison.Ordinal))
            {
                return (expected, $"chain break: previousHash {record.PreviousHash} is not the hash of record {expected - 1} ({previous})");
            }

            var computed = EvidenceHasher.ComputeHash(record);
            if (!string.Equals(computed, record.Hash, StringComparison.Ordinal))
            {
                return (expected, $"hash mismatch: stored {record.Hash}, recomputed {computed} (record altered)");
            }

            previous = record.Hash;
        }

        return null;
    }

    private static (long Sequence, string Problem)? CheckAnchor(string incidentId, IReadOnlyList<EvidenceRecord> records, EvidenceAnchor anchor)
    {
        var label = $"anchor '{anchor.Reason}' of {EvidenceHasher.FormatTime(anchor.WallTime)}";
        if (!string.Equals(anchor.IncidentId, incidentId, StringComparison.Ordinal))
        {
            return (anchor.RecordCount, $"{label} belongs to incident '{anchor.IncidentId}'");
        }

        if (anchor.RecordCount > records.Count)
        {
            long missing = records.Count + 1;
            return (missing, $"truncated: {label} covers {anchor.RecordCount} records with head {anchor.HeadHash}, but the chain ends at {records.Count}; record {missing} is missing");
        }

        var anchored = records[(int)anchor.RecordCount - 1];
        return string.Equals(anchored.Hash, anchor.HeadHash, StringComparison.Ordinal)
            ? null
            : (anchor.RecordCount, $"anchor mismatch: {label} has head {anchor.HeadHash}, record {anchor.RecordCount} has {anchored.Hash} (chain rewritten)");
    }

    private static EvidenceVerification Fail(IReadOnlyList<EvidenceRecord> records, string? head, (long Sequence, string Problem) failure, int anchors) =>
        new(false, records.Count, head, failure.Sequence, failure.Problem, anchors);
}
