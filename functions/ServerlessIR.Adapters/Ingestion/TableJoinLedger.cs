using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// The join ledger in the correlation table: one partition per incident holding its scope (row <c>scope</c>, with the
/// wake flag), the signals waiting (<c>p-{signal}</c>) and the batches taken (<c>b-{number}</c>, kept as the record of what
/// each batch held).
/// </summary>
/// <remarks>
/// A take moves its signals from waiting to its batch in one transaction (one partition), so a retried take finds its
/// batch made and returns it again. Ingestion only inserts waiting rows and reads the scope row, so concurrent joins on
/// one incident never contend; only the wake flag and a widening scope are conditional writes.
/// </remarks>
public sealed class TableJoinLedger : IJoinLedger
{
    private const string ScopeRow = "scope";
    private const string WaitingPrefix = "p-";
    private const string WaitingEnd = "p.";
    private const string BatchPrefix = "b-";
    private const string SealedColumn = "Sealed";
    private const int MaxAttempts = 20;

    /// <summary>The most characters a batch row's signals take (a Table string property holds 32K; room left for escaping).</summary>
    public const int MaxBatchChars = 30_000;
    private readonly TableClient table;

    public TableJoinLedger(TableServiceClient tables, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.Correlation);
    }

    public async Task OpenAsync(string incidentId, IncidentScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(scope);
        var row = ScopeEntity(incidentId, scope);
        row["Wake"] = false;
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
        // A redelivered opener: the scope recorded first may have widened since, and stays.
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
    }

    public async Task<QuietJoin> TryRecordAsync(string incidentId, Signal signal, string payloadHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(signal);
        var scope = await ReadScopeAsync(incidentId, cancellationToken);
        if (scope is null || ScopeOf(scope).Widens(signal))
        {
            return QuietJoin.Declined;
        }
        if (IsSealed(scope))
        {
            // A row an earlier attempt at this delivery left after the seal would wait for nobody: it goes, and the signal
            // goes to a follow-on.
            await WithdrawAsync(scope.PartitionKey, signal.Id, cancellationToken);
            return QuietJoin.Closed;
        }
        try
        {
            await table.AddEntityAsync(new TableEntity(PartitionOf(incidentId), WaitingPrefix + signal.Id)
            {
                ["Signal"] = JsonSerializer.Serialize(JoinedSignal.From(signal, payloadHash), JsonSerializerOptions.Web),
            }, cancellationToken);
        }
        // Recorded by an earlier attempt at this delivery: it waits once.
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
        // The flag is read after the signal is recorded: a take that cleared it before this read reads the signals after
        // clearing, and one that clears it later will too; either way this signal is seen.
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await ReadScopeAsync(incidentId, cancellationToken);
            if (current is null)
            {
                return QuietJoin.RecordedWake;
            }
            if (IsSealed(current))
            {
                return await WithdrawAsync(current.PartitionKey, signal.Id, cancellationToken);
            }
            if (current.GetBoolean("Wake") == true)
            {
                return QuietJoin.Recorded;
            }
            try
            {
                await table.UpdateEntityAsync(new TableEntity(current.PartitionKey, ScopeRow) { ["Wake"] = true }, current.ETag, TableUpdateMode.Merge, cancellationToken);
                return QuietJoin.RecordedWake;
            }
            // Someone changed the scope row since it was read: read the flag again.
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
            }
        }
        // Contended beyond reason: a spare wake costs the incident one empty take, a missing one would strand the signal.
        return QuietJoin.RecordedWake;
    }

    public async Task SealAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        try
        {
            // Unconditional: sealing again is harmless, and a join's ETag-conditional wake write fails on it and reads again.
            await table.UpdateEntityAsync(new TableEntity(PartitionOf(incidentId), ScopeRow) { [SealedColumn] = true, ["Wake"] = false },
                ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        // An incident opened before the ledger existed has no scope; its signals all joined as events.
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>
    /// Takes back a signal recorded after the final take's seal: still waiting, it is deleted and the caller opens a
    /// follow-on for it; gone, the final take (which reads after sealing) got it and counts it.
    /// </summary>
    private async Task<QuietJoin> WithdrawAsync(string partition, string signalId, CancellationToken cancellationToken)
    {
        // The SDK answers a delete of a missing entity with its 404 response rather than an exception.
        var deleted = await table.DeleteEntityAsync(partition, WaitingPrefix + signalId, ETag.All, cancellationToken);
        return deleted.Status == 404 ? QuietJoin.Recorded : QuietJoin.Closed;
    }

    public async Task WidenAsync(string incidentId, Signal signal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(signal);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await ReadScopeAsync(incidentId, cancellationToken);
            var scope = current is null ? null : ScopeOf(current);
            if (scope is null || !scope.Widens(signal))
            {
                return;
            }
            try
            {
                // Merge, leaving the wake flag as it is.
                await table.UpdateEntityAsync(ScopeEntity(incidentId, scope.Including(signal)), current!.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
            }
        }
        throw new InvalidOperationException($"The scope of incident {incidentId} kept changing while a widening signal was added.");
    }

    public async Task<JoinBatch> TakeAsync(string incidentId, int number, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var partition = PartitionOf(incidentId);
        var batchRow = BatchPrefix + number.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        if (await ReadBatchAsync(partition, batchRow, number, cancellationToken) is { } made)
        {
            return made;
        }
        try
        {
            await table.UpdateEntityAsync(new TableEntity(partition, ScopeRow) { ["Wake"] = false }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        // An incident opened before the ledger existed has no scope; its signals all joined as events.
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
        var waiting = new List<TableEntity>(IJoinLedger.MaxBatch + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {WaitingPrefix} and RowKey lt {WaitingEnd}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: IJoinLedger.MaxBatch + 1, cancellationToken: cancellationToken))
        {
            waiting.Add(row);
            if (waiting.Count > IJoinLedger.MaxBatch)
            {
                break;
            }
        }
        if (waiting.Count == 0)
        {
            return new JoinBatch(number, [], false);
        }
        // The batch row holds its signals in one string property, which Table storage caps at 64 KiB (32K UTF-16
        // characters): a batch ends before it would outgrow MaxBatchChars, whatever the count (payload references that
        // name a delivery's blob, slice and hash made 64 signals about 40,000 characters, and the take failed every retry).
        var taken = new List<TableEntity>(IJoinLedger.MaxBatch);
        var chars = 2;
        foreach (var row in waiting.Take(IJoinLedger.MaxBatch))
        {
            var length = row.GetString("Signal")?.Length ?? 0;
            if (taken.Count > 0 && chars + length + 1 > MaxBatchChars)
            {
                break;
            }
            taken.Add(row);
            chars += length + 1;
        }
        var signals = taken.Select(r => JsonSerializer.Deserialize<JoinedSignal>(r.GetString("Signal"), JsonSerializerOptions.Web)!).ToList();
        var more = waiting.Count > taken.Count;
        var actions = new List<TableTransactionAction>(taken.Count + 1)
        {
            new(TableTransactionActionType.Add, new TableEntity(partition, batchRow)
            {
                ["Signals"] = JsonSerializer.Serialize(signals, JsonSerializerOptions.Web),
                ["More"] = more,
            }),
        };
        actions.AddRange(taken.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        // Another attempt at this take made the batch (or took these signals) first: its batch is the answer.
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409)
        {
            return await ReadBatchAsync(partition, batchRow, number, cancellationToken)
                ?? throw new InvalidOperationException($"Batch {number} of incident {incidentId} could not be made; the take is retried.", ex);
        }
        return new JoinBatch(number, signals, more);
    }

    private async Task<JoinBatch?> ReadBatchAsync(string partition, string batchRow, int number, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, batchRow, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }
        var signals = JsonSerializer.Deserialize<List<JoinedSignal>>(found.Value!.GetString("Signals"), JsonSerializerOptions.Web) ?? [];
        return new JoinBatch(number, signals, found.Value.GetBoolean("More") == true);
    }

    private static bool IsSealed(TableEntity scope) => scope.GetBoolean(SealedColumn) == true;

    private async Task<TableEntity?> ReadScopeAsync(string incidentId, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(incidentId), ScopeRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static IncidentScope ScopeOf(TableEntity row) => new(
        JsonSerializer.Deserialize<string[]>(row.GetString("DataCategories") ?? "[]") ?? [],
        JsonSerializer.Deserialize<string[]>(row.GetString("Jurisdictions") ?? "[]") ?? [],
        row.GetInt64("MaxSubjects") ?? 0,
        row.GetBoolean("Malicious") == true,
        row.GetString("AiSystemId"));

    private static TableEntity ScopeEntity(string incidentId, IncidentScope scope) => new(PartitionOf(incidentId), ScopeRow)
    {
        ["DataCategories"] = JsonSerializer.Serialize(scope.DataCategories),
        ["Jurisdictions"] = JsonSerializer.Serialize(scope.Jurisdictions),
        ["MaxSubjects"] = scope.MaxSubjects,
        ["Malicious"] = scope.Malicious,
        ["AiSystemId"] = scope.AiSystemId,
    };

    // Apart from the correlation keys' partition ("key"); an incident ID holds none of the characters a key may not.
    private static string PartitionOf(string incidentId) => "join-" + incidentId;
}
