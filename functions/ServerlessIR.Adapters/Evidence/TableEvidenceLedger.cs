using Azure;
using Azure.Data.Tables;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>
/// The evidence ledger on Azure Table Storage: one partition per incident, one row per record,
/// RowKey = 10-digit sequence. Rows are only ever inserted; deletes happen only past retention.
/// </summary>
/// <remarks>
/// Every entry is sanitized (secrets redacted, identifiers pseudonymized) before it is hashed, so
/// what is hashed is what is stored. An append reads record <c>sequence - 1</c> for the link and
/// inserts with AddEntity, which fails with 409 if the row exists: then the stored row is compared,
/// and the same content (a retried activity) returns the stored record, with its first wall time and
/// hash, while different content is an <see cref="EvidenceConflictException"/>.
/// </remarks>
public sealed class TableEvidenceLedger : IEvidenceLedger
{
    // A Table string property holds at most 64 KiB (32K UTF-16 characters).
    private const int MaxPayloadChars = EvidenceLimits.MaxPayloadChars;
    private const int MaxBatch = 100;

    // A table transaction's body is at most 4 MiB; its JSON may spend several bytes on a character (escapes).
    private const long MaxTransactionChars = 500_000;

    private readonly TableEvidenceReader reader;
    private readonly TableClient table;
    private readonly EvidenceSanitizer sanitizer;
    private readonly IEvidenceAnchorStore retentionAnchors;
    private readonly TimeProvider timeProvider;

    /// <param name="reader">Reads rows of the evidence table.</param>
    /// <param name="sanitizer">Applied to every entry before it is hashed and stored.</param>
    /// <param name="retentionAnchors">Where retain-until dates are read from before a purge.</param>
    /// <param name="timeProvider">Wall clock for <see cref="EvidenceRecord.WallTime"/>.</param>
    public TableEvidenceLedger(TableEvidenceReader reader, EvidenceSanitizer sanitizer, IEvidenceAnchorStore retentionAnchors, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sanitizer);
        ArgumentNullException.ThrowIfNull(retentionAnchors);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.reader = reader;
        table = reader.Table;
        this.sanitizer = sanitizer;
        this.retentionAnchors = retentionAnchors;
        this.timeProvider = timeProvider;
    }

    public async Task<EvidenceRecord> AppendAsync(string incidentId, long sequence, EvidenceEntry entry, CancellationToken cancellationToken = default)
    {
        EvidenceKeys.ValidateIncidentId(incidentId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentNullException.ThrowIfNull(entry);
        var (clean, _) = Clean(entry);
        var record = Seal(incidentId, sequence, clean, await PreviousHashAsync(incidentId, sequence, cancellationToken));

        try
        {
            await table.AddEntityAsync(TableEvidenceReader.ToEntity(record), cancellationToken);
            return record;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stored = await table.GetEntityAsync<TableEntity>(incidentId, EvidenceKeys.RowKey(sequence), cancellationToken: cancellationToken);
            var existing = TableEvidenceReader.ToRecord(stored.Value);
            var differences = Differences(existing, record);
            if (differences.Count == 0)
            {
                return existing;
            }

            throw new EvidenceConflictException(incidentId, sequence, $"a different record is already stored (differs in {string.Join(", ", differences)})");
        }
    }

    /// <summary>
    /// Appends <paramref name="entries"/> in one table transaction per batch (the incident is one partition): a read for
    /// the link to the record before them and a write, where <see cref="AppendAsync"/> costs a read and a write per record.
    /// The records are sealed exactly as <see cref="AppendAsync"/> seals them. A transaction is all or nothing: one that meets
    /// a stored row (a retried journal) writes none of its rows, and its entries are then appended one by one, which returns
    /// the stored record for the same content and refuses different content.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceRecord>> AppendManyAsync(string incidentId, long firstSequence, IReadOnlyList<EvidenceEntry> entries,
        CancellationToken cancellationToken = default)
    {
        EvidenceKeys.ValidateIncidentId(incidentId);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSequence, 1);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }
        // Every entry is checked before anything is written: a bad one fails the whole append, as it would fail its own.
        var clean = entries.Select(e => Clean(e ?? throw new ArgumentException("An evidence entry is null.", nameof(entries)))).ToList();
        var records = new List<EvidenceRecord>(clean.Count);
        var previousHash = await PreviousHashAsync(incidentId, firstSequence, cancellationToken);
        var next = 0;
        while (next < clean.Count)
        {
            var batch = new List<EvidenceRecord>();
            var chars = 0L;
            while (next < clean.Count && batch.Count < MaxBatch && (batch.Count == 0 || chars + clean[next].Chars <= MaxTransactionChars))
            {
                chars += clean[next].Chars;
                var record = Seal(incidentId, firstSequence + next, clean[next].Entry, previousHash);
                previousHash = record.Hash;
                batch.Add(record);
                next++;
            }
            try
            {
                await table.SubmitTransactionAsync(
                    batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, TableEvidenceReader.ToEntity(r))), cancellationToken);
                records.AddRange(batch);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // A retry after some of these rows went in: each compared with the stored row, as a retried append is.
                foreach (var record in batch)
                {
                    records.Add(await AppendAsync(incidentId, record.Sequence, entries[(int)(record.Sequence - firstSequence)], cancellationToken));
                }
                previousHash = records[^1].Hash;
            }
        }
        return records;
    }

    /// <summary>
    /// The entry as it is hashed and stored: sanitized, its payload within a table column; with its text's length, what
    /// its row costs a transaction's body, roughly.
    /// </summary>
    private (EvidenceEntry Entry, long Chars) Clean(EvidenceEntry entry)
    {
        var clean = sanitizer.Sanitize(entry);
        var payload = clean.Payload is null ? 0 : JsonCanonicalizer.Canonicalize(clean.Payload).Length;
        if (payload > MaxPayloadChars)
        {
            throw new ArgumentException($"Evidence payload is over {MaxPayloadChars} characters; store large material by reference (blob URI and its hash).", nameof(entry));
        }
        return (clean, clean.Kind.Length + clean.Actor.Length + clean.Summary.Length + payload);
    }

    private EvidenceRecord Seal(string incidentId, long sequence, EvidenceEntry clean, string previousHash) =>
        EvidenceHasher.Seal(new EvidenceRecord(
            incidentId,
            sequence,
            clean.Kind,
            clean.Actor,
            clean.Summary,
            clean.IncidentTime.ToUniversalTime(),
            timeProvider.GetUtcNow(),
            clean.Payload,
            previousHash,
            string.Empty));

    public Task<IReadOnlyList<EvidenceRecord>> ReadAsync(string incidentId, CancellationToken cancellationToken = default) =>
        reader.ReadAsync(incidentId, cancellationToken);

    public Task<IReadOnlyList<EvidenceRecord>> ReadFromAsync(string incidentId, long fromSequence, CancellationToken cancellationToken = default) =>
        reader.ReadAsync(incidentId, fromSequence, cancellationToken);

    public Task<IReadOnlyList<string>> ListIncidentsAsync(CancellationToken cancellationToken = default) =>
        reader.ListIncidentsAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var purged = new List<string>();
        foreach (var incidentId in await ListIncidentsAsync(cancellationToken))
        {
            var retainUntil = await RetainUntilAsync(incidentId, cancellationToken);
            if (retainUntil is { } until && until <= now)
            {
                await DeleteRowsAsync(incidentId, cancellationToken);
                purged.Add(incidentId);
            }
        }

        return purged;
    }

    /// <summary>
    /// Deletes one incident's evidence, but only once its retention has passed: within retention, or
    /// with no anchor to say how long to keep it, this throws and deletes nothing.
    /// </summary>
    public async Task DeleteIncidentAsync(string incidentId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        EvidenceKeys.ValidateIncidentId(incidentId);
        var retainUntil = await RetainUntilAsync(incidentId, cancellationToken);
        if (retainUntil is not { } until)
        {
            throw new InvalidOperationException($"Evidence of incident '{incidentId}' has no anchor, so its retention is unknown; it is kept.");
        }

        if (now < until)
        {
            throw new InvalidOperationException($"Evidence of incident '{incidentId}' must be kept until {EvidenceHasher.FormatTime(until)}.");
        }

        await DeleteRowsAsync(incidentId, cancellationToken);
    }

    private async Task<DateTimeOffset?> RetainUntilAsync(string incidentId, CancellationToken cancellationToken)
    {
        var anchors = await retentionAnchors.ReadAsync(incidentId, cancellationToken);
        return anchors.Count == 0 ? null : anchors.Max(a => a.RetainUntil);
    }

    private async Task<string> PreviousHashAsync(string incidentId, long sequence, CancellationToken cancellationToken)
    {
        if (sequence == 1)
        {
            return EvidenceHasher.GenesisHash;
        }

        var previous = await table.GetEntityIfExistsAsync<TableEntity>(incidentId, EvidenceKeys.RowKey(sequence - 1), ["Hash"], cancellationToken);
        if (!previous.HasValue || previous.Value?.GetString("Hash") is not { Length: > 0 } hash)
        {
            throw new InvalidOperationException(
                $"Cannot append evidence record {sequence} for incident '{incidentId}': record {sequence - 1} does not exist. Records are appended in order.");
        }

        return hash;
    }

    // Deleting from the tail backwards means an interrupted purge leaves a shorter chain, not a holed one.
    private async Task DeleteRowsAsync(string incidentId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {incidentId}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }

        keys.Reverse();
        foreach (var chunk in keys.Chunk(MaxBatch))
        {
            var actions = chunk.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(incidentId, rowKey), ETag.All));
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    // Wall time and hash are not compared: a retry has a later clock, and the stored ones win.
    private static List<string> Differences(EvidenceRecord stored, EvidenceRecord attempted)
    {
        var differences = new List<string>();
        Compare("kind", stored.Kind, attempted.Kind);
        Compare("actor", stored.Actor, attempted.Actor);
        Compare("summary", stored.Summary, attempted.Summary);
        Compare("incidentTime", EvidenceHasher.FormatTime(stored.IncidentTime), EvidenceHasher.FormatTime(attempted.IncidentTime));
        Compare("payload", JsonCanonicalizer.Canonicalize(stored.Payload), JsonCanonicalizer.Canonicalize(attempted.Payload));
        Compare("previousHash", stored.PreviousHash, attempted.PreviousHash);
        return differences;

        void Compare(string field, string a, string b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                differences.Add(field);
            }
        }
    }
}
