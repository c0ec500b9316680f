using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Ingestion.Polling;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>The poller's marks in a table: partition = org, row = event store.</summary>
public sealed class TableHighWaterMarkStore : IHighWaterMarkStore
{
    private readonly TableClient table;

    public TableHighWaterMarkStore(TableServiceClient tables, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.PollerState);
    }

    public async Task<HighWaterMark?> GetAsync(string orgId, string eventStore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        ArgumentException.ThrowIfNullOrEmpty(eventStore);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(orgId, eventStore, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var entity = row.Value!;
        var ids = entity.GetString("IdsAtMark") ?? "";
        return new HighWaterMark(entity.GetDateTimeOffset("CreatedDate") ?? DateTimeOffset.MinValue,
            ids.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    public async Task SaveAsync(string orgId, string eventStore, HighWaterMark mark, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        ArgumentException.ThrowIfNullOrEmpty(eventStore);
        ArgumentNullException.ThrowIfNull(mark);
        await table.UpsertEntityAsync(new TableEntity(orgId, eventStore)
        {
            ["CreatedDate"] = mark.CreatedDate,
            ["IdsAtMark"] = string.Join(',', mark.IdsAtMark),
        }, TableUpdateMode.Replace, cancellationToken);
    }
}
