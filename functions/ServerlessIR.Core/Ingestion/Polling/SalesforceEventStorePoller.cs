using System.Text.Json;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Ingestion.Polling;

/// <summary>
/// Bridges Salesforce to Event Grid (Salesforce's Event Relay reaches only Amazon EventBridge): reads every threat-detection
/// event store the playbook lists, in every org, from its high-water mark on, and publishes each new record as a CloudEvent
/// of type <c>Salesforce.EventMonitoring.{EventName}</c> with the record's fields as data.
/// </summary>
/// <remarks>
/// The mark is kept on <c>CreatedDate</c>, not <c>EventDate</c>: Threat Detection's models store a record some time after the
/// anomaly it reports, so a mark on <c>EventDate</c> would skip late records. The mark moves only after a page is published;
/// a crash in between publishes that page again with the same CloudEvent IDs, which the webhook deduplicates. A failing org
/// or store is reported and retried on the next run without holding up the others.
/// </remarks>
public sealed class SalesforceEventStorePoller(
    IPlaybookProvider playbooks,
    IEventStoreReader reader,
    IHighWaterMarkStore marks,
    IRelayPublisher publisher,
    TimeProvider time)
{
    /// <summary>Records per query; Event Grid takes a batch of up to 1 MB, which 200 records stay well under.</summary>
    public int PageSize { get; init; } = 200;

    /// <summary>Pages per store per run, so one flooded store cannot starve the others.</summary>
    public int MaxPagesPerRun { get; init; } = 20;

    /// <summary>How far back the very first run reads a store that has no mark yet.</summary>
    public TimeSpan InitialLookback { get; init; } = TimeSpan.FromHours(24);

    public async Task<PollResult> PollAsync(CancellationToken cancellationToken = default)
    {
        var playbook = playbooks.Current;
        var published = 0;
        var failures = new List<string>();
        foreach (var org in playbook.Salesforce.Orgs)
        {
            foreach (var store in playbook.Ingestion.EventStores)
            {
                try
                {
                    published += await PollStoreAsync(org.Id, store, cancellationToken);
                }
                catch (SalesforceApiException ex)
                {
                    failures.Add($"{org.Id}/{store}: {ex.Message}");
                }
                catch (PermanentContainmentException ex)
                {
                    failures.Add($"{org.Id}/{store}: {ex.Message}");
                }
            }
        }
        return new PollResult(published, failures);
    }

    private async Task<int> PollStoreAsync(string orgId, string store, CancellationToken cancellationToken)
    {
        var mark = await marks.GetAsync(orgId, store, cancellationToken)
            ?? new HighWaterMark(time.GetUtcNow() - InitialLookback, []);
        var eventName = store.EndsWith("Store", StringComparison.Ordinal) ? store[..^"Store".Length] : store;
        var published = 0;
        for (var page = 0; page < MaxPagesPerRun; page++)
        {
            var records = await reader.ReadAsync(orgId, store, mark.CreatedDate, PageSize, cancellationToken);
            var fresh = new List<(JsonElement Record, string Id, DateTimeOffset Created)>();
            foreach (var record in records)
            {
                var id = record.GetProperty("Id").GetString()!;
                var created = SalesforceDates.Read(record, "CreatedDate") ?? throw new InvalidDataException($"{store} record {id} has no CreatedDate.");
                if (created == mark.CreatedDate && mark.IdsAtMark.Contains(id, StringComparer.Ordinal))
                {
                    continue;
                }
                fresh.Add((record, id, created));
            }
            if (fresh.Count == 0)
            {
                break;
            }
            var events = fresh.Select(f => ToEvent(orgId, store, eventName, f.Record)).ToList();
            await publisher.PublishAsync(events, cancellationToken);
            published += events.Count;

            var newest = fresh.Max(f => f.Created);
            var idsAtNewest = fresh.Where(f => f.Created == newest).Select(f => f.Id);
            mark = new HighWaterMark(newest, newest == mark.CreatedDate ? [.. mark.IdsAtMark, .. idsAtNewest] : [.. idsAtNewest]);
            await marks.SaveAsync(orgId, store, mark, cancellationToken);
            if (records.Count < PageSize)
            {
                break;
            }
        }
        return published;
    }

    /// <summary>The CloudEvent for one record: ID from <c>EventIdentifier</c>, source naming org and store, data the fields.</summary>
    public static RelayedEvent ToEvent(string orgId, string store, string eventName, JsonElement record)
    {
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var recordId = record.TryGetProperty("Id", out var rid) && rid.ValueKind == JsonValueKind.String ? rid.GetString() : null;
        foreach (var property in record.EnumerateObject())
        {
            // "attributes" is the REST API's envelope (type and URL), not a field of the event. A long text field is cut
            // (the record keeps it whole in Salesforce), so no record can push an event or its batch over Event Grid's 1 MB.
            if (property.Name != "attributes")
            {
                data[property.Name] = property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > IngestionLimits.MaxFreeTextChars
                    ? JsonSerializer.SerializeToElement(IngestionLimits.Truncate(property.Value.GetString()!, IngestionLimits.MaxFreeTextChars, $"Salesforce {store} record {recordId}"))
                    : property.Value;
            }
        }
        var identifier = record.TryGetProperty("EventIdentifier", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : record.GetProperty("Id").GetString()!;
        var eventDate = SalesforceDates.Read(record, "EventDate") ?? SalesforceDates.Read(record, "CreatedDate") ?? default;
        return new RelayedEvent(identifier, $"/salesforce/orgs/{orgId}/{store}", SourcesPrefix + eventName, eventDate,
            JsonSerializer.SerializeToElement(data));
    }

    private const string SourcesPrefix = Sources.SalesforceEventMonitoringSource.TypePrefix;
}
