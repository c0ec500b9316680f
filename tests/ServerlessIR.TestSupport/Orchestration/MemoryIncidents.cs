using System.Collections.Concurrent;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.TestSupport.Orchestration;

public sealed class MemoryIncidents : IIncidentStore
{
    public ConcurrentDictionary<string, IncidentSummary> Rows { get; } = new();

    public Task UpsertAsync(IncidentSummary incident, CancellationToken cancellationToken = default)
    {
        Rows[incident.Id] = incident;
        return Task.CompletedTask;
    }

    public Task<IncidentSummary?> GetAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rows.GetValueOrDefault(incidentId));

    public Task<IReadOnlyList<IncidentSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IncidentSummary>>([.. Rows.Values.OrderByDescending(r => r.OpenedAt).Skip(skip).Take(take)]);
}
