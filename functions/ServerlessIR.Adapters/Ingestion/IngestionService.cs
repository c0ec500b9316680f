using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Turns one incoming event into an incident action, exactly once: claim the delivery (dedupe), keep the raw payload by
/// reference, normalize and pseudonymize, then correlate: join a running incident or open a new one.
/// </summary>
/// <remarks>
/// Correlation is decided by a conditional write to the correlation index, so two concurrent deliveries cannot open two
/// incidents. The AI system key wins over the principal key: an incident is about one AI system's leak, and a principal
/// (an integration user) seen in two AI systems' incidents joins the one its AI system names. A new orchestration is never
/// started over an existing instance ID (that would replace its history).
/// </remarks>
public sealed partial class IngestionService
{
    private const string DeliveryPartitionPrefix = "d";
    private const int MaxCorrelationAttempts = 60;
    private readonly TableClient deliveries;
    private readonly TableClient correlation;
    private readonly IPayloadStore payloads;
    private readonly IEnumerable<ISignalSource> sources;
    private readonly IPlaybookProvider playbooks;
    private readonly IngestionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<IngestionService> logger;
    // The same keyed pseudonymizer the evidence ledger uses (registered once by AddEvidence), so signals and evidence agree.
    private readonly Pseudonymizer pseudonymizer;

    public IngestionService(
        TableServiceClient tables,
        TableNames names,
        IPayloadStore payloads,
        IEnumerable<ISignalSource> sources,
        IPlaybookProvider playbooks,
        Pseudonymizer pseudonymizer,
        IOptions<IngestionOptions> options,
        TimeProvider time,
        ILogger<IngestionService> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        deliveries = tables.GetTableClient(names.Deliveries);
        correlation = tables.GetTableClient(names.Correlation);
        this.payloads = payloads;
        this.sources = sources;
        this.playbooks = playbooks;
        this.pseudonymizer = pseudonymizer;
        this.options = options?.Value ?? new IngestionOptions();
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Ingests one event; never throws for bad data (that is a <c>rejected</c> outcome).</summary>
    /// <param name="incoming">The event.</param>
    /// <param name="durable">
    /// The caller's durable client: in the Functions app a <c>[DurableClient]</c> binding exists only per invocation (the
    /// isolated extension registers no client service), so the client is handed in per call in both hosts.
    /// </param>
    /// <param name="cancellationToken">Cancels the ingestion.</param>
    public async Task<IngestOutcome> IngestAsync(IncomingEvent incoming, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(durable);
        var key = incoming.DedupeKey;
        var claim = await ClaimAsync(key, cancellationToken);
        if (claim is not null)
        {
            return claim;
        }

        var source = sources.FirstOrDefault(s => s.CanNormalize(incoming));
        if (source is null)
        {
            var unknown = new IngestOutcome(IngestOutcome.Rejected, null, $"Unknown event type '{incoming.Type}'.");
            await CompleteAsync(key, unknown, cancellationToken);
            return unknown;
        }
        Signal signal;
        try
        {
            var payloadRef = await payloads.PutAsync(key, RawPayloadPolicy.Minimize(incoming, playbooks.Current.Ingestion.RawPayloadFields), cancellationToken);
            signal = source.Normalize(incoming, pseudonymizer, payloadRef);
        }
        catch (SignalRejectedException ex)
        {
            var rejected = new IngestOutcome(IngestOutcome.Rejected, null, ex.Message);
            await CompleteAsync(key, rejected, cancellationToken);
            return rejected;
        }
        var system = PlanIncidentActivity.ResolveAiSystem(playbooks.Current, [signal]);
        if (system is not null)
        {
            signal = signal with { AiSystemId = system.Id, OrgId = signal.OrgId ?? system.Org };
        }

        var outcome = await CorrelateAsync(incoming, signal, durable, cancellationToken);
        if (outcome is null)
        {
            // Correlation did not settle (the key is contended beyond reason): release the claim so Event Grid's redelivery
            // (the 503 asks for one) processes the event afresh, instead of remembering it as done.
            await deliveries.DeleteEntityAsync(DeliveryPartitionPrefix + key[..2], key, ETag.All, cancellationToken);
            return new IngestOutcome(IngestOutcome.InProgress, null, "correlation did not settle; retry");
        }
        await CompleteAsync(key, outcome, cancellationToken);
        LogIngested(logger, incoming.Type, outcome.Outcome, outcome.IncidentId);
        return outcome;
    }

    /// <summary>
    /// What became of the event with this deduplication key (<see cref="IncomingEvent.DedupeKey"/>), or null while it has not
    /// arrived or is still being processed. Lets a caller that did not deliver the event itself (a drill that added an anomaly
    /// to the Salesforce store, which the relay then published) learn which incident it opened or joined.
    /// </summary>
    public async Task<IngestOutcome?> FindOutcomeAsync(string dedupeKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dedupeKey);
        NullableResponse<TableEntity> found;
        try
        {
            found = await deliveries.GetEntityIfExistsAsync<TableEntity>(DeliveryPartitionPrefix + dedupeKey[..2], dedupeKey, cancellationToken: cancellationToken);
        }
        // Before the first delivery the table itself may not exist yet.
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        if (!found.HasValue || found.Value!.GetString("State") != "done") return null;
        return new IngestOutcome(found.Value.GetString("Outcome") ?? IngestOutcome.Rejected, found.Value.GetString("IncidentId"), found.Value.GetString("Reason"));
    }

    /// <summary>The correlation keys of a signal, strongest first.</summary>
    public static IReadOnlyList<string> CorrelationKeys(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (SmokeTestSource.IsSmoke(signal))
        {
            // Each smoke test is its own incident: it never joins a real one, and no real signal can join it.
            return [$"smoke:{signal.Id}"];
        }
        var keys = new List<string>();
        if (signal.AiSystemId is not null)
        {
            keys.Add($"ai:{signal.AiSystemId}");
        }
        if (signal.PrincipalPseudonym is not null)
        {
            keys.Add($"principal:{signal.OrgId}/{signal.PrincipalPseudonym}");
        }
        if (keys.Count == 0)
        {
            // Nothing names who or what: one incident per org (or source) and kind within the window.
            keys.Add(signal.OrgId is not null ? $"org:{signal.OrgId}/{signal.Kind}" : $"source:{signal.Source}/{signal.Kind}");
        }
        return keys;
    }

    /// <summary>A readable incident ID that a redelivery of the same event derives again.</summary>
    public static string IncidentIdFor(IncomingEvent incoming, Signal signal)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(signal);
        var prefix = SmokeTestSource.IsSmoke(signal) ? SmokeTestSource.IncidentIdPrefix : "inc-";
        return $"{prefix}{signal.OccurredAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{incoming.DedupeKey[..10]}";
    }

    private async Task<IngestOutcome?> CorrelateAsync(IncomingEvent incoming, Signal signal, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var keys = CorrelationKeys(signal);
        var now = time.GetUtcNow();
        var window = options.CorrelationWindow ?? TimeSpan.FromHours(playbooks.Current.Ingestion.CorrelationWindowHours);
        for (var attempt = 0; attempt < MaxCorrelationAttempts; attempt++)
        {
            string? linked = null;
            TableEntity? primaryRow = null;
            var opening = false;
            foreach (var key in keys)
            {
                var row = await correlation.GetEntityIfExistsAsync<TableEntity>("key", RowKeyOf(key), cancellationToken: cancellationToken);
                if (!row.HasValue)
                {
                    continue;
                }
                var entity = row.Value!;
                if (key == keys[0])
                {
                    primaryRow = entity;
                }
                var incidentId = entity.GetString("IncidentId");
                var openedAt = entity.GetDateTimeOffset("OpenedAt") ?? DateTimeOffset.MinValue;
                var instance = await durable.GetInstanceAsync(incidentId, getInputsAndOutputs: false, cancellationToken);
                if (instance is null && now - openedAt < options.ClaimTimeout)
                {
                    // Another delivery claimed this key a moment ago and is starting its orchestration: wait and join it,
                    // rather than taking the key over and opening a second incident.
                    opening = true;
                    break;
                }
                var running = instance is { IsRunning: true } || instance?.RuntimeStatus == OrchestrationRuntimeStatus.Pending;
                if (running && now - openedAt <= window)
                {
                    await durable.RaiseEventAsync(incidentId, IncidentEvent.Name,
                        new IncidentEvent(IncidentEvent.Kinds.Signal, JsonSerializer.Serialize(signal, JsonSerializerOptions.Web)), cancellationToken);
                    return new IngestOutcome(IngestOutcome.Joined, incidentId);
                }
                if (instance is not null && !running)
                {
                    linked ??= incidentId;
                }
            }

            if (opening)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * Math.Min(attempt + 1, 10)), time, cancellationToken);
                continue;
            }
            var newId = IncidentIdFor(incoming, signal);
            if (await TryClaimCorrelationAsync(keys[0], primaryRow, newId, now, cancellationToken))
            {
                foreach (var secondary in keys.Skip(1))
                {
                    await correlation.UpsertEntityAsync(CorrelationRow(secondary, newId, now), TableUpdateMode.Replace, cancellationToken);
                }
                await StartOnceAsync(durable, newId, new IncidentInput(newId, now, signal, options.Runtime, linked), cancellationToken);
                return new IngestOutcome(IngestOutcome.Opened, newId, linked is null ? null : $"follows closed incident {linked}");
            }
            // Another delivery won the race for this key: read again and join what it opened.
        }
        return null;
    }

    private async Task<bool> TryClaimCorrelationAsync(string key, TableEntity? existing, string incidentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = CorrelationRow(key, incidentId, now);
        try
        {
            if (existing is null)
            {
                await correlation.AddEntityAsync(row, cancellationToken);
            }
            else if (existing.GetString("IncidentId") != incidentId)
            {
                await correlation.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private static async Task StartOnceAsync(DurableTaskClient durable, string incidentId, IncidentInput input, CancellationToken cancellationToken)
    {
        // A retried delivery may find the instance already started: never schedule over it.
        var existing = await durable.GetInstanceAsync(incidentId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            return;
        }
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator), input,
            new StartOrchestrationOptions(incidentId), cancellationToken);
    }

    private static TableEntity CorrelationRow(string key, string incidentId, DateTimeOffset now) => new("key", RowKeyOf(key))
    {
        ["Key"] = key,
        ["IncidentId"] = incidentId,
        ["OpenedAt"] = now,
    };

    private static string RowKeyOf(string key) => Hashing.Sha256Hex(key)[..40];

    /// <summary>Claims a delivery; returns an outcome when this delivery must not be processed here.</summary>
    private async Task<IngestOutcome?> ClaimAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var partition = DeliveryPartitionPrefix + key[..2];
        try
        {
            await deliveries.AddEntityAsync(new TableEntity(partition, key) { ["State"] = "received", ["ClaimedAt"] = now }, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
        var existing = (await deliveries.GetEntityAsync<TableEntity>(partition, key, cancellationToken: cancellationToken)).Value;
        if (existing.GetString("State") == "done")
        {
            return new IngestOutcome(IngestOutcome.Duplicate, existing.GetString("IncidentId"), "already processed");
        }
        if (now - (existing.GetDateTimeOffset("ClaimedAt") ?? now) < options.ClaimTimeout)
        {
            return new IngestOutcome(IngestOutcome.InProgress, null, "the same event is being processed by another delivery");
        }
        try
        {
            // The earlier claim is stale (its process died): take it over, once.
            existing["ClaimedAt"] = now;
            await deliveries.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return new IngestOutcome(IngestOutcome.InProgress, null, "the same event is being processed by another delivery");
        }
    }

    private Task CompleteAsync(string key, IngestOutcome outcome, CancellationToken cancellationToken) =>
        deliveries.UpsertEntityAsync(new TableEntity(DeliveryPartitionPrefix + key[..2], key)
        {
            ["State"] = "done",
            ["Outcome"] = outcome.Outcome,
            ["IncidentId"] = outcome.IncidentId,
            ["Reason"] = outcome.Reason,
        }, TableUpdateMode.Replace, cancellationToken);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Event {EventType} -> {Outcome} {IncidentId}")]
    private static partial void LogIngested(ILogger logger, string eventType, string outcome, string? incidentId);
}
