namespace ServerlessIR.Core.Evidence;

/// <summary>
/// The append-only, hash-chained record of an incident. One partition per incident, rows in sequence.
/// </summary>
public interface IEvidenceLedger
{
    /// <summary>
    /// Appends record <paramref name="sequence"/> (1-based) chained to record <c>sequence - 1</c>.
    /// Idempotent: appending the same entry at the same sequence again returns the stored record;
    /// a different entry at an existing sequence is an error, never an overwrite.
    /// </summary>
    Task<EvidenceRecord> AppendAsync(string incidentId, long sequence, EvidenceEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="entries"/> as records <paramref name="firstSequence"/> on, in order, each chained to the one
    /// before; idempotent as <see cref="AppendAsync"/> is, entry by entry. A store may write them together (the Table
    /// ledger: one transaction per partition batch); this default appends them one after another.
    /// </summary>
    async Task<IReadOnlyList<EvidenceRecord>> AppendManyAsync(string incidentId, long firstSequence, IReadOnlyList<EvidenceEntry> entries,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var records = new List<EvidenceRecord>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            records.Add(await AppendAsync(incidentId, firstSequence + i, entries[i], cancellationToken));
        }
        return records;
    }

    /// <summary>All records of an incident in sequence order.</summary>
    Task<IReadOnlyList<EvidenceRecord>> ReadAsync(string incidentId, CancellationToken cancellationToken = default);

    /// <summary>The records of an incident from sequence <paramref name="fromSequence"/> on, in sequence order.</summary>
    Task<IReadOnlyList<EvidenceRecord>> ReadFromAsync(string incidentId, long fromSequence, CancellationToken cancellationToken = default);

    /// <summary>IDs of every incident that has evidence (every incident has a record 1).</summary>
    Task<IReadOnlyList<string>> ListIncidentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the evidence of every incident whose retain-until (recorded on its anchors) is at or
    /// before <paramref name="now"/>, and returns their IDs. Incidents never anchored have no known
    /// retention and are kept.
    /// </summary>
    Task<IReadOnlyList<string>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
