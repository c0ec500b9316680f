using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>Events that could not be used, with their reason: viewable at <c>GET /api/events/rejected</c> and counted on health.</summary>
public sealed class RejectedEventStore
{
    // A table string property holds 32K UTF-16 characters.
    private const int MaxRawChars = 30_000;
    private readonly TableClient table;

    public RejectedEventStore(TableServiceClient tables, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.RejectedEvents);
    }

    public async Task AddAsync(RejectedEvent rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var rowKey = $"{DateTimeOffset.MaxValue.Ticks - rejected.RejectedAt.Ticks:D19}-{Guid.NewGuid():N}";
        await table.AddEntityAsync(new TableEntity("rejected", rowKey)
        {
            ["EventId"] = rejected.EventId,
            ["EventType"] = rejected.EventType,
            ["Reason"] = rejected.Reason,
            ["Raw"] = rejected.Raw.Length > MaxRawChars ? rejected.Raw[..MaxRawChars] : rejected.Raw,
            ["Truncated"] = rejected.Raw.Length > MaxRawChars,
            ["RejectedAt"] = rejected.RejectedAt,
        }, cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<RejectedEvent>> ListAsync(int take, CancellationToken cancellationToken = default)
    {
        var list = new List<RejectedEvent>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "rejected", cancellationToken: cancellationToken))
        {
            list.Add(new RejectedEvent(row.GetString("EventId"), row.GetString("EventType"), row.GetString("Reason"),
                row.GetString("Raw"), row.GetDateTimeOffset("RejectedAt") ?? row.Timestamp ?? default));
            if (list.Count >= take) break;
        }
        return list;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(e => e.PartitionKey == "rejected", select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            count += page.Values.Count;
        }
        return count;
    }
}
