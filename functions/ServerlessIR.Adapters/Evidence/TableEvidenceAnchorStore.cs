using Azure;
using Azure.Data.Tables;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>
/// Anchors in a table (<c>EvidenceAnchors</c>): PartitionKey = incident ID, RowKey = 10-digit record
/// count. Queryable, and the source of retain-until dates for purges.
/// </summary>
public sealed class TableEvidenceAnchorStore : IEvidenceAnchorStore
{
    private readonly TableClient table;

    public TableEvidenceAnchorStore(TableServiceClient tableService, EvidenceStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(options);
        table = tableService.GetTableClient(options.AnchorTableName);
    }

    public async Task<EvidenceAnchor> AddAsync(EvidenceAnchor anchor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        EvidenceKeys.ValidateIncidentId(anchor.IncidentId);
        try
        {
            await table.AddEntityAsync(ToEntity(anchor), cancellationToken);
            return anchor;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stored = ToAnchor((await table.GetEntityAsync<TableEntity>(anchor.IncidentId, EvidenceKeys.RowKey(anchor.RecordCount), cancellationToken: cancellationToken)).Value);
            return AnchorConflicts.KeepStored(stored, anchor, "anchor table");
        }
    }

    public async Task<IReadOnlyList<EvidenceAnchor>> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        EvidenceKeys.ValidateIncidentId(incidentId);
        var anchors = new List<EvidenceAnchor>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {incidentId}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                anchors.Add(ToAnchor(entity));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing anchored yet.
        }

        return anchors;
    }

    /// <summary>Every incident that has an anchor, whether or not its evidence rows are still there.</summary>
    public async Task<IReadOnlyList<string>> ListIncidentsAsync(CancellationToken cancellationToken = default)
    {
        var incidents = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                incidents.Add(entity.PartitionKey);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing anchored yet.
        }

        return [.. incidents];
    }

    private static TableEntity ToEntity(EvidenceAnchor anchor) => new(anchor.IncidentId, EvidenceKeys.RowKey(anchor.RecordCount))
    {
        ["RecordCount"] = anchor.RecordCount,
        ["HeadHash"] = anchor.HeadHash,
        ["Reason"] = anchor.Reason,
        ["WallTime"] = EvidenceHasher.FormatTime(anchor.WallTime),
        ["RetainUntil"] = EvidenceHasher.FormatTime(anchor.RetainUntil),
        ["Regimes"] = string.Join(',', anchor.Regimes),
        ["SignatureKeyId"] = anchor.Signature?.KeyId,
        ["SignatureAlgorithm"] = anchor.Signature?.Algorithm,
        ["SignatureValue"] = anchor.Signature?.Value,
    };

    private static EvidenceAnchor ToAnchor(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetInt64("RecordCount") ?? 0,
        entity.GetString("HeadHash") ?? string.Empty,
        entity.GetString("Reason") ?? string.Empty,
        EvidenceHasher.ParseTime(entity.GetString("WallTime") ?? "0001-01-01T00:00:00Z"),
        // A missing retain-until must never make evidence look expired, so it reads as "forever".
        entity.GetString("RetainUntil") is { } until ? EvidenceHasher.ParseTime(until) : DateTimeOffset.MaxValue,
        (entity.GetString("Regimes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        Signature = entity.GetString("SignatureValue") is { } value
            ? new AnchorSignature(entity.GetString("SignatureKeyId") ?? string.Empty, entity.GetString("SignatureAlgorithm") ?? string.Empty, value)
            : null,
    };
}
