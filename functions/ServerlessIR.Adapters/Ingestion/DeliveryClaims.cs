using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using ServerlessIR.Adapters.Storage;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// The deduplication claims in the <c>Deliveries</c> table: one row per event key, <c>received</c> while an instance works on
/// it and <c>done</c> with its outcome after. A delivery's claims, completions and releases go as Table transactions, one per
/// partition and at most 100 rows each.
/// </summary>
/// <remarks>
/// Rows are partitioned by the key's first hex digit (<c>c0</c>..<c>cf</c>), so a delivery of 200 events needs about 16
/// transactions instead of 200 requests. Claims written before this scheme sat in <c>d{two hex digits}</c>; the outcome
/// lookup still reads them there. A claim transaction fails whole when one of its keys is already claimed (409): that
/// batch falls back to one claim per key, which tells a redelivered event from a new one.
/// </remarks>
public sealed partial class DeliveryClaims
{
    /// <summary>Table Storage's most operations in one transaction.</summary>
    public const int MaxPerTransaction = 100;

    private const string PartitionPrefix = "c";
    private const string LegacyPartitionPrefix = "d";
    private const string Received = "received";
    private const string Done = "done";
    private readonly TableClient table;
    private readonly TimeProvider time;
    private readonly ILogger<DeliveryClaims> logger;

    public DeliveryClaims(TableServiceClient tables, TableNames names, TimeProvider time, ILogger<DeliveryClaims> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.Deliveries);
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The partition a key's claim lives in.</summary>
    public static string PartitionOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return PartitionPrefix + key[..1];
    }

    /// <summary>
    /// Claims each key; the answer maps a key to null when this caller now holds its claim, or to the outcome to answer
    /// instead (a duplicate of a finished event, or in progress elsewhere).
    /// </summary>
    /// <param name="keys">Distinct deduplication keys.</param>
    /// <param name="claimTimeout">How long another instance's claim blocks before it counts as stale and is taken over.</param>
    /// <param name="cancellationToken">Cancels the claims.</param>
    public async Task<IReadOnlyDictionary<string, IngestOutcome?>> ClaimManyAsync(IReadOnlyList<string> keys, TimeSpan claimTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = time.GetUtcNow();
        var answers = new Dictionary<string, IngestOutcome?>(StringComparer.Ordinal);
        foreach (var batch in Batches(keys))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(key => new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(PartitionOf(key), key) { ["State"] = Received, ["ClaimedAt"] = now })), cancellationToken);
                foreach (var key in batch)
                {
                    answers[key] = null;
                }
            }
            // One key of the batch is claimed already (a redelivery): nothing of the batch was written; each on its own.
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                LogBatchConflict(logger, batch.Length);
                foreach (var key in batch)
                {
                    answers[key] = await ClaimOneAsync(key, now, claimTimeout, cancellationToken);
                }
            }
        }
        return answers;
    }

    /// <summary>Records each event's outcome on its claim (<c>done</c>), so a redelivery answers it as a duplicate.</summary>
    public async Task CompleteManyAsync(IReadOnlyList<(string Key, IngestOutcome Outcome)> completed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var outcomes = completed.ToDictionary(c => c.Key, c => c.Outcome, StringComparer.Ordinal);
        foreach (var batch in Batches([.. outcomes.Keys]))
        {
            // Upserts cannot conflict: the claim is this caller's.
            await table.SubmitTransactionAsync(batch.Select(key => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(PartitionOf(key), key)
                {
                    ["State"] = Done,
                    ["Outcome"] = outcomes[key].Outcome,
                    ["IncidentId"] = outcomes[key].IncidentId,
                    ["Reason"] = outcomes[key].Reason,
                })), cancellationToken);
        }
    }

    /// <summary>
    /// Gives claims back after a failure or a spent budget that was not the events' fault, so a redelivery processes them
    /// afresh; a release that fails leaves its claim to go stale after the claim timeout.
    /// </summary>
    public async Task ReleaseManyAsync(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var batch in Batches(keys))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(key => new TableTransactionAction(TableTransactionActionType.Delete,
                    new TableEntity(PartitionOf(key), key), ETag.All)), CancellationToken.None);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // One of them is gone already (taken over and finished elsewhere, or swept): each on its own.
                foreach (var key in batch)
                {
                    await ReleaseOneAsync(key);
                }
            }
            catch (RequestFailedException ex)
            {
                LogReleaseFailed(logger, ex.Status, ex.ErrorCode);
            }
        }
    }

    /// <summary>What became of the event with this key, or null while it has not arrived or is still being processed.</summary>
    public async Task<IngestOutcome?> FindOutcomeAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var partition in new[] { PartitionOf(key), LegacyPartitionPrefix + key[..2] })
        {
            NullableResponse<TableEntity> found;
            try
            {
                found = await table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            }
            // Before the first delivery the table itself may not exist yet.
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
            if (found.HasValue)
            {
                return found.Value!.GetString("State") != Done ? null
                    : new IngestOutcome(found.Value.GetString("Outcome") ?? IngestOutcome.Rejected, found.Value.GetString("IncidentId"), found.Value.GetString("Reason"));
            }
        }
        return null;
    }

    private static IEnumerable<string[]> Batches(IReadOnlyList<string> keys) =>
        keys.Distinct(StringComparer.Ordinal).GroupBy(PartitionOf, StringComparer.Ordinal).SelectMany(g => g.Chunk(MaxPerTransaction));

    private async Task<IngestOutcome?> ClaimOneAsync(string key, DateTimeOffset now, TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(key);
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, key) { ["State"] = Received, ["ClaimedAt"] = now }, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
        // The row another delivery wrote, not this one's: whether it finished decides the answer.
        var existing = (await table.GetEntityAsync<TableEntity>(partition, key, cancellationToken: cancellationToken)).Value;
        if (existing.GetString("State") == Done)
        {
            // A redelivered rejection says so, with its reason, so the caller can make sure it is recorded.
            return existing.GetString("Outcome") == IngestOutcome.Rejected
                ? new IngestOutcome(IngestOutcome.Duplicate, null, existing.GetString("Reason") ?? "rejected") { WasRejected = true }
                : new IngestOutcome(IngestOutcome.Duplicate, existing.GetString("IncidentId"), "already processed");
        }
        if (now - (existing.GetDateTimeOffset("ClaimedAt") ?? now) < claimTimeout)
        {
            return new IngestOutcome(IngestOutcome.InProgress, null, "the same event is being processed by another delivery");
        }
        try
        {
            // The earlier claim is stale (its process died): take it over, once.
            existing["ClaimedAt"] = now;
            await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return new IngestOutcome(IngestOutcome.InProgress, null, "the same event is being processed by another delivery");
        }
    }

    private async Task ReleaseOneAsync(string key)
    {
        try
        {
            await table.DeleteEntityAsync(PartitionOf(key), key, ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status != 404)
        {
            LogReleaseFailed(logger, ex.Status, ex.ErrorCode);
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "A claim transaction of {Keys} key(s) met a claim already there; claimed one by one")]
    private static partial void LogBatchConflict(ILogger logger, int keys);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not release a delivery claim after a failure ({Status} {ErrorCode}); it goes stale after the claim timeout")]
    private static partial void LogReleaseFailed(ILogger logger, int status, string? errorCode);
}
