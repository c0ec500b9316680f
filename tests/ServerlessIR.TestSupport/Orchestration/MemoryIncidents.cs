using System.Collections.Concurrent;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.TestSupport.Orchestration;

public sealed class MemoryIncidents : IIncidentStore
{
    public ConcurrentDictionary<string, IncidentSummary> Rows { get; } = new();

    /// <summary>Upserts that fail, as a store that keeps failing would (null fails none); called once per attempt.</summary>
    public Func<IncidentSummary, bool>? Fail { get; set; }

    /// <summary>
    /// Upserts that are written but whose answer is lost, as a timeout after the write would be (null loses none); called
    /// once per attempt.
    /// </summary>
    public Func<IncidentSummary, bool>? LoseAnswer { get; set; }

    /// <summary>Every upsert asked for, in order (the record as given).</summary>
    public ConcurrentQueue<IncidentSummary> Writes { get; } = new();

    public Task UpsertAsync(IncidentSummary incident, CancellationToken cancellationToken = default)
    {
        if (Fail?.Invoke(incident) == true) throw new InvalidOperationException("incident store unavailable (test fault)");
        Writes.Enqueue(incident);
        Rows[incident.Id] = incident;
        if (LoseAnswer?.Invoke(incident) == true) throw new TimeoutException("the write went through but its answer was lost (test fault)");
        return Task.CompletedTask;
    }

    public Task<IncidentSummary?> GetAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rows.GetValueOrDefault(incidentId));

    public Task<IReadOnlyList<IncidentSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IncidentSummary>>([.. Rows.Values.OrderByDescending(r => r.OpenedAt).Skip(skip).Take(take)]);
}
