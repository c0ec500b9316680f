using System.Text.Json;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Privacy;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Events that could not be used, with their reason: viewable at <c>GET /api/events/rejected</c> and counted on health.
/// </summary>
/// <remarks>
/// <para>Recorded once: each rejection is a pair of rows written in one transaction, a marker keyed by
/// <see cref="RejectedEvent.Key"/> (so a redelivery finds it and writes nothing) and a listing row keyed newest first.
/// A delivery's rejections are written in transactions of up to 50 pairs (Table Storage's 100 entities); only a chunk that
/// holds an already-recorded event falls back to one transaction per event.</para>
/// <para>Minimised before it is stored: the copy of the event goes through the playbook's raw-payload field policy, as
/// accepted alerts do (<see cref="RawPayloadPolicy.MinimizeRejected"/>), and the row keeps at most
/// <see cref="IngestionLimits.MaxRejectedRawChars"/> of it; a longer copy goes whole to the restricted raw store, one blob
/// per delivery, and the row carries its reference.</para>
/// </remarks>
public sealed class RejectedEventStore
{
    /// <summary>How far back <see cref="CountRecentAsync"/> counts.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    /// <summary>The most <see cref="CountRecentAsync"/> counts (one page of a query): health must stay cheap whatever arrives.</summary>
    public const int RecentCountCap = 1_000;

    private const string Partition = "rejected";
    private const string MarkerPrefix = "k-";
    private const string ListPrefix = "t-";
    private const int EventsPerTransaction = 50;
    private readonly TableClient table;
    private readonly IPayloadStore payloads;
    private readonly IPlaybookProvider playbooks;

    public RejectedEventStore(TableServiceClient tables, TableNames names, IPayloadStore payloads, IPlaybookProvider playbooks)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.RejectedEvents);
        this.payloads = payloads;
        this.playbooks = playbooks;
    }

    /// <summary>Records one rejection; returns whether it was new.</summary>
    public async Task<bool> AddAsync(RejectedEvent rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return await AddManyAsync([rejected], cancellationToken) == 1;
    }

    /// <summary>Records a delivery's rejections, each once however often it is delivered; returns how many were new.</summary>
    public async Task<int> AddManyAsync(IReadOnlyList<RejectedEvent> rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var rows = rejected.DistinctBy(r => r.Key).Select(Prepare).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }
        var cut = rows.Where(r => r.Truncated).ToList();
        string? rawRef = null;
        if (cut.Count > 0)
        {
            var whole = JsonSerializer.Serialize(cut.ToDictionary(r => r.Event.Key, r => r.Minimized));
            rawRef = await payloads.PutAsync("rejected-" + Hashing.Sha256Hex(string.Join('\n', cut.Select(r => r.Event.Key)))[..32], whole, cancellationToken);
        }

        var added = 0;
        foreach (var chunk in rows.Chunk(EventsPerTransaction))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.SelectMany(r => Actions(r, rawRef)), cancellationToken);
                added += chunk.Length;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Some of these were recorded by an earlier delivery: each on its own, keeping the ones already there.
                foreach (var row in chunk)
                {
                    try
                    {
                        await table.SubmitTransactionAsync(Actions(row, rawRef), cancellationToken);
                        added++;
                    }
                    catch (TableTransactionFailedException one) when (one.Status == 409)
                    {
                    }
                }
            }
        }
        return added;
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<RejectedEvent>> ListAsync(int take, CancellationToken cancellationToken = default)
    {
        var list = new List<RejectedEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {ListPrefix} and RowKey lt {"t."}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(take, 1000), cancellationToken: cancellationToken))
        {
            list.Add(new RejectedEvent(row.GetString("EventId"), row.GetString("EventType"), row.GetString("Reason") ?? "",
                row.GetString("Raw") ?? "", row.GetDateTimeOffset("RejectedAt") ?? row.Timestamp ?? default)
            {
                Source = row.GetString("Source"),
                RawRef = row.GetString("RawRef"),
                Truncated = row.GetBoolean("Truncated") ?? false,
            });
            if (list.Count >= take) break;
        }
        return list;
    }

    /// <summary>
    /// Rejections first recorded within <see cref="RecentWindow"/> before <paramref name="now"/>, counted up to
    /// <see cref="RecentCountCap"/> (one page of row keys, whatever the table holds); <c>Capped</c> when there may be more.
    /// </summary>
    public async Task<(int Count, bool Capped)> CountRecentAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and RowKey ge {ListPrefix + Inverted(now)} and RowKey lt {ListPrefix + Inverted(now - RecentWindow)}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: RecentCountCap, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            return (page.Values.Count, page.ContinuationToken is not null);
        }
        return (0, false);
    }

    private static string Inverted(DateTimeOffset at) => (DateTimeOffset.MaxValue.Ticks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private PreparedRow Prepare(RejectedEvent rejected)
    {
        var minimized = RawPayloadPolicy.MinimizeRejected(rejected.EventType, rejected.Raw, playbooks.Current.Ingestion.RawPayloadFields);
        var truncated = minimized.Length > IngestionLimits.MaxRejectedRawChars;
        return new PreparedRow(rejected, minimized, truncated);
    }

    private static IEnumerable<TableTransactionAction> Actions(PreparedRow row, string? rawRef)
    {
        var rejected = row.Event;
        var listKey = ListPrefix + Inverted(rejected.RejectedAt) + "-" + rejected.Key;
        yield return new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, MarkerPrefix + rejected.Key)
        {
            ["ListRowKey"] = listKey,
        });
        yield return new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, listKey)
        {
            ["EventId"] = Bounded(rejected.EventId, IngestionLimits.MaxEventIdChars),
            ["EventType"] = Bounded(rejected.EventType, IngestionLimits.MaxEventTypeChars),
            ["Source"] = Bounded(rejected.Source, IngestionLimits.MaxSourceChars),
            ["Reason"] = Bounded(FreeTextScrubber.Scrub(rejected.Reason), IngestionLimits.MaxReasonChars),
            ["Raw"] = row.Truncated ? IngestionLimits.Truncate(row.Minimized, IngestionLimits.MaxRejectedRawChars) : row.Minimized,
            ["Truncated"] = row.Truncated,
            ["RawRef"] = row.Truncated ? rawRef : null,
            ["RejectedAt"] = rejected.RejectedAt,
        });
    }

    private static string? Bounded(string? value, int max) => value is null ? null : IngestionLimits.Truncate(value, max);

    private sealed record PreparedRow(RejectedEvent Event, string Minimized, bool Truncated);
}
