using System.Text.Json;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Incidents;

/// <summary>The incident list in Table Storage: one row per incident holding its latest summary.</summary>
public sealed class TableIncidentStore : IIncidentStore
{
    private const string Partition = "incident";

    private readonly TableClient table;

    public TableIncidentStore(TableServiceClient tables, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.Incidents);
    }

    public async Task UpsertAsync(IncidentSummary incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        // A table string property holds 32K UTF-16 characters: the orchestration fits the record before it publishes,
        // and the store fits it again so that no caller can write a row the table refuses.
        var snapshot = JsonSerializer.Serialize(IncidentRecord.Fit(incident), JsonSerializerOptions.Web);
        var entity = new TableEntity(Partition, incident.Id)
        {
            ["Status"] = incident.Status.ToString(),
            ["Severity"] = incident.Severity?.Level,
            ["AiSystem"] = incident.AiSystem,
            ["Signals"] = incident.Signals,
            ["OpenedAt"] = incident.OpenedAt,
            ["EvidenceRecords"] = incident.EvidenceRecords,
            ["Snapshot"] = snapshot,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IncidentSummary?> GetAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, incidentId, cancellationToken: cancellationToken);
        return response.HasValue ? Read(response.Value!) : null;
    }

    public async Task<IReadOnlyList<IncidentSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows
            .OrderByDescending(r => r.GetDateTimeOffset("OpenedAt"))
            .ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Skip(skip).Take(take)
            .Select(Read)
            .ToList();
    }

    private static IncidentSummary Read(TableEntity row) =>
        JsonSerializer.Deserialize<IncidentSummary>(row.GetString("Snapshot"), JsonSerializerOptions.Web)!;
}
