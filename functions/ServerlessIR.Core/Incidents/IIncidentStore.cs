namespace ServerlessIR.Core.Incidents;

/// <summary>The incident list the API serves: one row per incident, kept current by the orchestration.</summary>
public interface IIncidentStore
{
    Task UpsertAsync(IncidentSummary incident, CancellationToken cancellationToken = default);

    Task<IncidentSummary?> GetAsync(string incidentId, CancellationToken cancellationToken = default);

    /// <summary>Incidents newest first.</summary>
    Task<IReadOnlyList<IncidentSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken = default);
}
