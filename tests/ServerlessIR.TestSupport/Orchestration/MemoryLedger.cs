using System.Collections.Concurrent;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>An in-memory hash-chained ledger for orchestration tests (the Table Storage one is tested on Azurite).</summary>
public sealed class MemoryLedger : IEvidenceLedger
{
    private readonly ConcurrentDictionary<string, List<EvidenceRecord>> chains = new();

    /// <summary>Entries the ledger refuses, as a storage that keeps failing would (null refuses none).</summary>
    public Func<EvidenceEntry, bool>? Refuse { get; set; }

    public Task<EvidenceRecord> AppendAsync(string incidentId, long sequence, EvidenceEntry entry, CancellationToken cancellationToken = default)
    {
        if (Refuse?.Invoke(entry) == true) throw new InvalidOperationException($"ledger refused '{entry.Kind}' (test fault)");
        var chain = chains.GetOrAdd(incidentId, _ => []);
        lock (chain)
        {
            if (chain.Count >= sequence) return Task.FromResult(chain[(int)sequence - 1]);
            if (chain.Count != sequence - 1) throw new InvalidOperationException($"gap before {sequence}");
            var previous = chain.Count == 0 ? EvidenceHasher.GenesisHash : chain[^1].Hash;
            var record = EvidenceHasher.Seal(new EvidenceRecord(incidentId, sequence, entry.Kind, entry.Actor, entry.Summary,
                entry.IncidentTime, DateTimeOffset.UtcNow, entry.Payload, previous, ""));
            chain.Add(record);
            return Task.FromResult(record);
        }
    }

    public Task<IReadOnlyList<EvidenceRecord>> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var chain = chains.GetOrAdd(incidentId, _ => []);
        lock (chain) return Task.FromResult<IReadOnlyList<EvidenceRecord>>([.. chain]);
    }

    public Task<IReadOnlyList<EvidenceRecord>> ReadFromAsync(string incidentId, long fromSequence, CancellationToken cancellationToken = default)
    {
        var chain = chains.GetOrAdd(incidentId, _ => []);
        lock (chain) return Task.FromResult<IReadOnlyList<EvidenceRecord>>([.. chain.Where(r => r.Sequence >= fromSequence)]);
    }

    public Task<IReadOnlyList<string>> ListIncidentsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. chains.Keys]);

    public Task<IReadOnlyList<string>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
