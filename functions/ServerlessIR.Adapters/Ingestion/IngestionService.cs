using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Privacy;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Turns one incoming event into an incident action, exactly once: claim the delivery (dedupe), keep the raw payload by
/// reference, normalize and pseudonymize, then correlate: join a running incident or open a new one.
/// </summary>
/// <remarks>
/// Correlation follows <see cref="CorrelationRules"/> and is decided by a conditional write to the correlation index, so two
/// concurrent deliveries cannot open two incidents. A new orchestration is never started over an existing instance ID
/// (that would replace its history).
/// </remarks>
public sealed partial class IngestionService
{
    private const string DeliveryPartitionPrefix = "d";
    private const int MaxCorrelationAttempts = 60;
    private readonly TableClient deliveries;
    private readonly ICorrelationIndex correlation;
    private readonly IJoinLedger joins;
    private readonly IPayloadStore payloads;
    private readonly IEnumerable<ISignalSource> sources;
    private readonly IPlaybookProvider playbooks;
    private readonly IngestionOptions options;
    private readonly IncidentRuntimeOptions runtime;
    private readonly TimeProvider time;
    private readonly ILogger<IngestionService> logger;
    // The same keyed pseudonymizer the evidence ledger uses (registered once by AddEvidence), so signals and evidence agree.
    private readonly Pseudonymizer pseudonymizer;

    public IngestionService(
        TableServiceClient tables,
        TableNames names,
        ICorrelationIndex correlation,
        IJoinLedger joins,
        IPayloadStore payloads,
        IEnumerable<ISignalSource> sources,
        IPlaybookProvider playbooks,
        Pseudonymizer pseudonymizer,
        IOptions<IngestionOptions> options,
        IOptions<IncidentRuntimeOptions> runtime,
        TimeProvider time,
        ILogger<IngestionService> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        deliveries = tables.GetTableClient(names.Deliveries);
        this.correlation = correlation;
        this.joins = joins;
        this.payloads = payloads;
        this.sources = sources;
        this.playbooks = playbooks;
        this.pseudonymizer = pseudonymizer;
        this.options = options?.Value ?? new IngestionOptions();
        this.runtime = runtime?.Value ?? new IncidentRuntimeOptions();
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
    /// <remarks>
    /// The delivery's claim never stays <c>received</c>: every outcome completes it, and a failure that is not the event's
    /// fault (storage, the durable engine) releases it before it propagates, so Event Grid's redelivery processes the event
    /// afresh instead of meeting a claim that answers 503 until it goes stale.
    /// </remarks>
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
        try
        {
            return await IngestClaimedAsync(incoming, key, durable, cancellationToken);
        }
        catch
        {
            await ReleaseAsync(key);
            throw;
        }
    }

    private async Task<IngestOutcome> IngestClaimedAsync(IncomingEvent incoming, string key, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => s.CanNormalize(incoming));
        if (source is null)
        {
            var unknown = new IngestOutcome(IngestOutcome.Rejected, null, $"Unknown event type '{IngestionLimits.Truncate(incoming.Type, IngestionLimits.MaxEventTypeChars)}'.");
            await CompleteAsync(key, unknown, cancellationToken);
            return unknown;
        }
        string minimized;
        try
        {
            minimized = RawPayloadPolicy.Minimize(incoming, playbooks.Current.Ingestion.RawPayloadFields);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return await RejectAsync(key, $"{incoming.Type}: the event cannot be read: {ex.Message}", cancellationToken);
        }
        var payloadRef = await payloads.PutAsync(key, minimized, cancellationToken);
        Signal signal;
        try
        {
            signal = source.Normalize(incoming, pseudonymizer, payloadRef);
            // Before the signal reaches any durable input: the raw store above keeps the original text.
            signal = signal with { Summary = FreeTextScrubber.Scrub(signal.Summary) };
        }
        catch (SignalRejectedException ex)
        {
            return await RejectAsync(key, ex.Message, cancellationToken);
        }
        // A source that trips over a value it did not expect rejects the event (recorded, with the reason); it never fails
        // the delivery, which Event Grid would redeliver to fail the same way.
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return await RejectAsync(key, $"{incoming.Type}: data cannot be normalized: {ex.Message}", cancellationToken);
        }
        // Before the AI system is resolved by name: Azure Monitor is trusted only for the resource that named it.
        var (trust, trustReason) = SourceTrustClassifier.Classify(playbooks.Current, incoming, signal, options.DrillTrustedSources);
        // The reason quotes the event's source, which the sender chose: bounded and scrubbed like the summary.
        signal = signal with { Trust = trust, TrustReason = FreeTextScrubber.Scrub(IngestionLimits.Truncate(trustReason, IngestionLimits.MaxNameChars)) };
        var system = PlanIncidentActivity.ResolveAiSystem(playbooks.Current, [signal]);
        if (system is not null)
        {
            signal = signal with { AiSystemId = system.Id, OrgId = signal.OrgId ?? system.Org };
        }

        var payloadHash = "sha256:" + Hashing.Sha256Hex(minimized);
        var outcome = await CorrelateAsync(incoming, signal, payloadHash, durable, cancellationToken);
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

    private static bool IsUnreadable(Exception ex) =>
        ex is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException or KeyNotFoundException;

    private async Task<IngestOutcome> RejectAsync(string key, string reason, CancellationToken cancellationToken)
    {
        var rejected = new IngestOutcome(IngestOutcome.Rejected, null, IngestionLimits.Truncate(reason, IngestionLimits.MaxReasonChars));
        await CompleteAsync(key, rejected, cancellationToken);
        return rejected;
    }

    /// <summary>Gives a claim back after a failure that was not the event's fault; a failure to do so leaves it to go stale.</summary>
    private async Task ReleaseAsync(string key)
    {
        try
        {
            await deliveries.DeleteEntityAsync(DeliveryPartitionPrefix + key[..2], key, ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            LogReleaseFailed(logger, ex.Status, ex.ErrorCode);
        }
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

    private async Task<IngestOutcome?> CorrelateAsync(IncomingEvent incoming, Signal signal, string payloadHash, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var keys = CorrelationRules.Keys(signal);
        var now = time.GetUtcNow();
        var window = options.CorrelationWindow ?? TimeSpan.FromHours(playbooks.Current.Ingestion.CorrelationWindowHours);
        for (var attempt = 0; attempt < MaxCorrelationAttempts; attempt++)
        {
            string? linked = null;
            CorrelationEntry? primary = null;
            var opening = false;
            foreach (var key in keys)
            {
                var entry = await correlation.FindAsync(key, cancellationToken);
                if (entry is null)
                {
                    continue;
                }
                if (key == keys[0])
                {
                    primary = entry;
                }
                var instance = await durable.GetInstanceAsync(entry.IncidentId, getInputsAndOutputs: false, cancellationToken);
                var decision = CorrelationRules.Decide(StateOf(instance), entry.OpenedAt, now, window, options.ClaimTimeout);
                if (decision == CorrelationDecision.WaitForOpener)
                {
                    opening = true;
                    break;
                }
                if (decision == CorrelationDecision.Join)
                {
                    if (await JoinAsync(durable, entry.IncidentId, signal, payloadHash, cancellationToken)
                        && await TookSignalAsync(durable, entry.IncidentId, signal, cancellationToken))
                    {
                        return new IngestOutcome(IngestOutcome.Joined, entry.IncidentId);
                    }
                    // It ended without the signal: a follow-on opens below, naming it, as for an incident that had ended.
                    linked ??= entry.IncidentId;
                    continue;
                }
                if (decision == CorrelationDecision.FollowEnded)
                {
                    linked ??= entry.IncidentId;
                }
            }

            if (opening)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * Math.Min(attempt + 1, 10)), time, cancellationToken);
                continue;
            }
            var newId = CorrelationRules.IncidentIdFor(incoming, signal);
            if (await correlation.TryClaimAsync(keys[0], primary, newId, now, cancellationToken))
            {
                foreach (var secondary in keys.Skip(1))
                {
                    await correlation.SetAsync(secondary, newId, now, cancellationToken);
                }
                await joins.OpenAsync(newId, IncidentScope.Of([signal]), cancellationToken);
                await StartOnceAsync(durable, newId, new IncidentInput(newId, now, signal, runtime.ToRuntime(), linked), cancellationToken);
                return new IngestOutcome(IngestOutcome.Opened, newId, linked is null ? null : $"follows closed incident {linked}");
            }
            // Another delivery won the race for this key: read again and join what it opened.
        }
        return null;
    }

    /// <summary>
    /// Hands a joining signal to its incident. One that tells nothing new is recorded in the join ledger and waits for the
    /// incident's next batch, waking it only when no wake is on its way; one that widens the breach (or that the ledger
    /// cannot judge) is raised as an event, as it always was, after its facts are added to the recorded scope.
    /// </summary>
    /// <returns>False when the incident had made its final take: nothing was handed over, and the signal is handled as for an
    /// ended incident.</returns>
    private async Task<bool> JoinAsync(DurableTaskClient durable, string incidentId, Signal signal, string payloadHash, CancellationToken cancellationToken)
    {
        switch (await joins.TryRecordAsync(incidentId, signal, payloadHash, cancellationToken))
        {
            case QuietJoin.Closed:
                return false;
            case QuietJoin.Recorded:
                return true;
            case QuietJoin.RecordedWake:
                await durable.RaiseEventAsync(incidentId, IncidentEvent.Name, new SignalsPendingEvent(), cancellationToken);
                return true;
            default:
                await joins.WidenAsync(incidentId, signal, cancellationToken);
                await durable.RaiseEventAsync(incidentId, IncidentEvent.Name, new SignalJoinedEvent(signal), cancellationToken);
                return true;
        }
    }

    /// <summary>
    /// Whether the incident took (or, still running, will take) the signal just handed to it. An instance that completes
    /// between the join decision and the raise discards the event; its output names every signal it took. A quiet join
    /// needs no such look: the ledger answered it, and the final take reads every row recorded before its seal.
    /// </summary>
    private static async Task<bool> TookSignalAsync(DurableTaskClient durable, string incidentId, Signal signal, CancellationToken cancellationToken)
    {
        var after = await durable.GetInstanceAsync(incidentId, getInputsAndOutputs: false, cancellationToken);
        if (StateOf(after) != IncidentInstanceState.Ended)
        {
            return true;
        }
        var ended = await durable.GetInstanceAsync(incidentId, getInputsAndOutputs: true, cancellationToken);
        return ended?.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            && ended.ReadOutputAs<IncidentSummary>()?.SignalIds.Contains(signal.Id, StringComparer.Ordinal) == true;
    }

    private static IncidentInstanceState StateOf(OrchestrationMetadata? instance) =>
        instance is null ? IncidentInstanceState.Missing
        : instance.IsRunning || instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending ? IncidentInstanceState.Running
        : IncidentInstanceState.Ended;

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
            // A redelivered rejection says so, with its reason, so the caller can make sure it is recorded.
            return existing.GetString("Outcome") == IngestOutcome.Rejected
                ? new IngestOutcome(IngestOutcome.Duplicate, null, existing.GetString("Reason") ?? "rejected") { WasRejected = true }
                : new IngestOutcome(IngestOutcome.Duplicate, existing.GetString("IncidentId"), "already processed");
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

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not release a delivery claim after a failure ({Status} {ErrorCode}); it goes stale after the claim timeout")]
    private static partial void LogReleaseFailed(ILogger logger, int status, string? errorCode);
}
