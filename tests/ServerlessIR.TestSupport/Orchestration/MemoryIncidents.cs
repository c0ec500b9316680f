using System.Collections.Concurrent;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.TestSupport.Orchestration;

public sealed class MemoryIncidents : IIncidentStore
{
    public ConcurrentDictionary<string, IncidentSummary> Rows { get; } = new();

    /// <summary>Upserts that fail, as a store that keeps failing would (null fails none); called once per attempt.</summary>
    public Func<IncidentSummary, bool>? Fail { get; set; }

    public Task UpsertAsync(IncidentSummary incident, CancellationToken cancellationToken = default)
    {
        if (Fail?.Invoke(incident) == true) throw new InvalidOperationException("incident store unavailable (test fault)");
        Rows[incident.Id] = incident;
        return Task.CompletedTask;
    }

    public Task<IncidentSummary?> GetAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rows.GetValueOrDefault(incidentId));

    public Task<IReadOnlyList<IncidentSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IncidentSummary>>([.. Rows.Values.OrderByDescending(r => r.OpenedAt).Skip(skip).Take(take)]);
}
