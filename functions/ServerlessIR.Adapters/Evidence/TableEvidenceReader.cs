using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>
/// Reads evidence rows as they are stored. Shared by the ledger and the read-only tools (verify,
/// export, register), which need no pseudonymization key.
/// </summary>
/// <remarks>
/// Reading is deliberately tolerant: a row someone tampered with (a column removed, a payload that no
/// longer parses) still becomes a record, whose hash then fails to verify at its sequence, instead of
/// an exception that hides where the damage is.
/// </remarks>
public sealed class TableEvidenceReader
{
    private readonly TableClient table;

    public TableEvidenceReader(TableServiceClient tableService, EvidenceStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(options);
        table = tableService.GetTableClient(options.TableName);
    }

    /// <summary>The evidence table, for the ledger that writes to it.</summary>
    public TableClient Table => table;

    /// <summary>All records of an incident in row (sequence) order.</summary>
    public Task<IReadOnlyList<EvidenceRecord>> ReadAsync(string incidentId, CancellationToken cancellationToken = default) =>
        ReadAsync(incidentId, 1, cancellationToken);

    /// <summary>The records of an incident from sequence <paramref name="fromSequence"/> on, in row (sequence) order: one range query on the row key.</summary>
    public async Task<IReadOnlyList<EvidenceRecord>> ReadAsync(string incidentId, long fromSequence, CancellationToken cancellationToken = default)
    {
        EvidenceKeys.ValidateIncidentId(incidentId);
        var records = new List<EvidenceRecord>();
        try
        {
            var filter = fromSequence <= 1
                ? TableClient.CreateQueryFilter($"PartitionKey eq {incidentId}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {incidentId} and RowKey ge {EvidenceKeys.RowKey(fromSequence)}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                records.Add(ToRecord(entity));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet means no evidence yet.
        }

        return records;
    }

    /// <summary>IDs of every incident with evidence: every chain has a record 1, so one row per incident is read.</summary>
    public async Task<IReadOnlyList<string>> ListIncidentsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"RowKey eq {EvidenceKeys.RowKey(1)}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                ids.Add(entity.PartitionKey);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: no incidents.
        }

        return ids;
    }

    /// <summary>The stored row for a record; the payload column holds its canonical JSON.</summary>
    public static TableEntity ToEntity(EvidenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(record.IncidentId, EvidenceKeys.RowKey(record.Sequence))
        {
            ["Sequence"] = record.Sequence,
            ["Kind"] = record.Kind,
            ["Actor"] = record.Actor,
            ["Summary"] = record.Summary,
            ["IncidentTime"] = EvidenceHasher.FormatTime(record.IncidentTime),
            ["WallTime"] = EvidenceHasher.FormatTime(record.WallTime),
            ["PreviousHash"] = record.PreviousHash,
            ["Hash"] = record.Hash,
        };
        if (record.Payload is not null)
        {
            entity["Payload"] = JsonCanonicalizer.Canonicalize(record.Payload);
        }

        return entity;
    }

    /// <summary>A record from a stored row, tolerating damage (see remarks on the class).</summary>
    public static EvidenceRecord ToRecord(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var sequence = entity.GetInt64("Sequence")
            ?? (long.TryParse(entity.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var fromKey) ? fromKey : -1);
        return new EvidenceRecord(
            entity.PartitionKey,
            sequence,
            entity.GetString("Kind") ?? string.Empty,
            entity.GetString("Actor") ?? string.Empty,
            entity.GetString("Summary") ?? string.Empty,
            Time(entity.GetString("IncidentTime")),
            Time(entity.GetString("WallTime")),
            Payload(entity.GetString("Payload")),
            entity.GetString("PreviousHash") ?? string.Empty,
            entity.GetString("Hash") ?? string.Empty);
    }

    private static DateTimeOffset Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : DateTimeOffset.MinValue;

    private static JsonObject? Payload(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["$unreadable"] = text };
        }
        catch (JsonException)
        {
            return new JsonObject { ["$unreadable"] = text };
        }
    }
}
