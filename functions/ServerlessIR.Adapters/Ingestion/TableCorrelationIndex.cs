using Azure;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>The correlation index in a table: one partition, a row per key, named by the key's hash.</summary>
public sealed class TableCorrelationIndex : ICorrelationIndex
{
    private const string Partition = "key";
    private readonly TableClient table;

    public TableCorrelationIndex(TableServiceClient tables, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.Correlation);
    }

    public async Task<CorrelationEntry?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKeyOf(key), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }
        var entity = row.Value!;
        return new CorrelationEntry(key, entity.GetString("IncidentId"), entity.GetDateTimeOffset("OpenedAt") ?? DateTimeOffset.MinValue, entity.ETag.ToString());
    }

    public async Task<bool> TryClaimAsync(string key, CorrelationEntry? expected, string incidentId, DateTimeOffset openedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var row = Row(key, incidentId, openedAt);
        try
        {
            if (expected is null)
            {
                await table.AddEntityAsync(row, cancellationToken);
            }
            else if (expected.IncidentId != incidentId)
            {
                await table.UpdateEntityAsync(row, new ETag(expected.Version), TableUpdateMode.Replace, cancellationToken);
            }
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task SetManyAsync(IReadOnlyList<string> keys, string incidentId, DateTimeOffset openedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        // One partition, so one transaction (upserts cannot conflict); a signal has a handful of keys, far below 100.
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(DeliveryClaims.MaxPerTransaction))
        {
            await table.SubmitTransactionAsync(chunk.Select(key => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                Row(key, incidentId, openedAt))), cancellationToken);
        }
    }

    private static TableEntity Row(string key, string incidentId, DateTimeOffset openedAt) => new(Partition, RowKeyOf(key))
    {
        ["Key"] = key,
        ["IncidentId"] = incidentId,
        ["OpenedAt"] = openedAt,
    };

    private static string RowKeyOf(string key) => Hashing.Sha256Hex(key)[..40];
}
