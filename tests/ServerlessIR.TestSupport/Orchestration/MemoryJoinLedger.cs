using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>A join ledger in memory: signals recorded by a test wait until the incident takes them, a batch made once.</summary>
public sealed class MemoryJoinLedger : IJoinLedger
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, IncidentScope> scopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JoinedSignal>> waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), JoinBatch> batches = [];
    private readonly HashSet<string> sealedIncidents = new(StringComparer.Ordinal);

    public Task OpenAsync(string incidentId, IncidentScope scope, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            scopes.TryAdd(incidentId, scope);
        }
        return Task.CompletedTask;
    }

    public Task<QuietJoin> TryRecordAsync(string incidentId, Signal signal, string payloadHash, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!scopes.TryGetValue(incidentId, out var scope) || scope.Widens(signal))
            {
                return Task.FromResult(QuietJoin.Declined);
            }
            if (sealedIncidents.Contains(incidentId))
            {
                return Task.FromResult(QuietJoin.Closed);
            }
            var list = waiting.TryGetValue(incidentId, out var found) ? found : waiting[incidentId] = [];
            list.Add(JoinedSignal.From(signal, payloadHash));
            return Task.FromResult(list.Count == 1 ? QuietJoin.RecordedWake : QuietJoin.Recorded);
        }
    }

    public Task SealAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (scopes.ContainsKey(incidentId))
            {
                sealedIncidents.Add(incidentId);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Whether the incident's final take sealed its ledger.</summary>
    public bool IsSealed(string incidentId)
    {
        lock (gate)
        {
            return sealedIncidents.Contains(incidentId);
        }
    }

    public Task WidenAsync(string incidentId, Signal signal, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (scopes.TryGetValue(incidentId, out var scope))
            {
                scopes[incidentId] = scope.Including(signal);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>How long each take runs on after it has read the batch, as writes under load would (zero: none).</summary>
    public TimeSpan TakeDelay { get; set; }

    public async Task<JoinBatch> TakeAsync(string incidentId, int number, CancellationToken cancellationToken = default)
    {
        var batch = Take(incidentId, number);
        if (TakeDelay > TimeSpan.Zero)
        {
            await Task.Delay(TakeDelay, cancellationToken);
        }
        return batch;
    }

    private JoinBatch Take(string incidentId, int number)
    {
        lock (gate)
        {
            if (batches.TryGetValue((incidentId, number), out var made))
            {
                return made;
            }
            var list = waiting.TryGetValue(incidentId, out var found) ? found : [];
            if (list.Count == 0)
            {
                return new JoinBatch(number, [], false);
            }
            var taken = list.Take(IJoinLedger.MaxBatch).ToList();
            list.RemoveRange(0, taken.Count);
            var batch = new JoinBatch(number, taken, list.Count > 0);
            batches[(incidentId, number)] = batch;
            return batch;
        }
    }
}
