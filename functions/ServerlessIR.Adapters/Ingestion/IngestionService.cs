using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Privacy;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Turns each event of a delivery into an incident action, exactly once: claim it (dedupe), keep the delivery's raw payloads
/// by reference (one blob per delivery), normalize and pseudonymize, then correlate: join a running incident or open a new one.
/// </summary>
/// <remarks>
/// Correlation follows <see cref="CorrelationRules"/> and is decided by a conditional write to the correlation index, so two
/// concurrent deliveries cannot open two incidents. A new orchestration is never started over an existing instance ID
/// (that would replace its history).
/// </remarks>
public sealed partial class IngestionService
{
    private const int MaxCorrelationAttempts = 60;
    // How long one correlation attempt waits for a joined incident's orchestration to start before trying again.
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(2);
    private readonly DeliveryClaims claims;
    private readonly IncidentStarter starter;
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
        DeliveryClaims claims,
        IncidentStarter starter,
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
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(starter);
        this.claims = claims;
        this.starter = starter;
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
    public async Task<IngestOutcome> IngestAsync(IncomingEvent incoming, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return (await IngestDeliveryAsync([incoming], durable, Timeout.InfiniteTimeSpan, cancellationToken))[0];
    }

    /// <summary>
    /// Ingests the events of one delivery with as few storage requests as their outcomes allow: claims and their completions
    /// in Table transactions per partition, the raw payloads in one blob. Never throws for bad data.
    /// </summary>
    /// <param name="events">The delivery's events; copies with the same deduplication key are answered as duplicates of the first.</param>
    /// <param name="durable">The caller's durable client (see <see cref="IngestAsync"/>).</param>
    /// <param name="budget">
    /// How long the events' work may take before the rest is given back (events in flight at that moment finish first): an
    /// event not started by then is answered
    /// <see cref="IngestOutcome.InProgress"/> and its claim released, so a redelivery processes it afresh. Claims, their
    /// completion and release are outside the budget (a few requests), so nothing is left half-claimed.
    /// </param>
    /// <param name="cancellationToken">Cancels the ingestion.</param>
    /// <returns>One outcome per event, in order.</returns>
    /// <remarks>
    /// The delivery's claims never stay <c>received</c>: every outcome completes them, and a failure that is not an event's
    /// fault (storage, the durable engine) releases the claims of events not done before it propagates, so Event Grid's
    /// redelivery processes them afresh instead of meeting claims that answer 503 until they go stale. Events already done
    /// are completed first: their incidents exist, and a redelivery must see them as duplicates.
    /// </remarks>
    public async Task<IReadOnlyList<IngestOutcome>> IngestDeliveryAsync(IReadOnlyList<IncomingEvent> events, DurableTaskClient durable, TimeSpan budget,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(durable);
        var outcomes = new IngestOutcome?[events.Count];
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<int>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (firstOf.TryAdd(events[i].DedupeKey, i))
            {
                unique.Add(i);
            }
        }
        var claimed = await claims.ClaimManyAsync([.. unique.Select(i => events[i].DedupeKey)], options.ClaimTimeout, cancellationToken);
        var work = new List<int>();
        foreach (var i in unique)
        {
            if (claimed[events[i].DedupeKey] is { } elsewhere)
            {
                outcomes[i] = elsewhere;
            }
            else
            {
                work.Add(i);
            }
        }

        using var timer = budget == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(budget, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var done = new IngestOutcome?[events.Count];
        try
        {
            var prepared = Prepare(events, work, done);
            var refs = await payloads.PutDeliveryAsync([.. prepared.Select(p => p.Minimized)], deadline.Token);
            // The budget stops events from starting, never one in flight: an event cut off between scheduling its incident
            // and its claim's completion would be opened again by the redelivery (two ExecutionStarted events for one
            // instance, seen in a storm). An event that fails (storage, the durable engine) stops the rest from starting
            // and propagates once the claims are settled.
            await Parallel.ForEachAsync(Enumerable.Range(0, prepared.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = deadline.Token },
                async (p, _) => done[prepared[p].Index] = await NormalizeAndCorrelateAsync(prepared[p], refs[p], durable, deadline.Token, cancellationToken));
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await SettleAsync(events, work, done);
        }
        if (timer.IsCancellationRequested && work.Any(i => done[i] is null))
        {
            LogBudgetSpent(logger, work.Count(i => done[i] is null), budget.TotalSeconds);
        }
        foreach (var i in work)
        {
            outcomes[i] = done[i] ?? new IngestOutcome(IngestOutcome.InProgress, null, "the delivery's time budget ran out before this event; retry");
            if (done[i] is { } outcome && outcome.Outcome != IngestOutcome.InProgress)
            {
                LogIngested(logger, events[i].Type, outcome.Outcome, outcome.IncidentId);
            }
        }
        for (var i = 0; i < events.Count; i++)
        {
            outcomes[i] ??= CopyOf(outcomes[firstOf[events[i].DedupeKey]]!);
        }
        return outcomes!;
    }

    /// <summary>
    /// Completes the claims of the events done (first: their incidents exist, and a redelivery must see them as duplicates)
    /// and gives back the others. Not cancellable: a claim left <c>received</c> would answer 503 until it went stale.
    /// </summary>
    private async Task SettleAsync(IReadOnlyList<IncomingEvent> events, List<int> work, IngestOutcome?[] done)
    {
        var finished = work.Where(i => done[i] is { Outcome: not IngestOutcome.InProgress }).ToList();
        await claims.CompleteManyAsync([.. finished.Select(i => (events[i].DedupeKey, done[i]!))], CancellationToken.None);
        await claims.ReleaseManyAsync([.. work.Except(finished).Select(i => events[i].DedupeKey)]);
    }

    /// <summary>A second copy of an event within one delivery is answered as the first was, as a duplicate.</summary>
    private static IngestOutcome CopyOf(IngestOutcome first) => first.Outcome switch
    {
        IngestOutcome.InProgress => first,
        IngestOutcome.Rejected => new IngestOutcome(IngestOutcome.Duplicate, null, first.Reason) { WasRejected = true },
        IngestOutcome.Duplicate => first,
        _ => new IngestOutcome(IngestOutcome.Duplicate, first.IncidentId, "already processed"),
    };

    /// <summary>
    /// The claimed events' raw payloads, minimised: what goes to the delivery's blob. An event no source reads, or whose
    /// payload cannot be read, is rejected here (into <paramref name="done"/>).
    /// </summary>
    private List<PreparedEvent> Prepare(IReadOnlyList<IncomingEvent> events, List<int> work, IngestOutcome?[] done)
    {
        var prepared = new List<PreparedEvent>(work.Count);
        foreach (var i in work)
        {
            var incoming = events[i];
            var source = sources.FirstOrDefault(s => s.CanNormalize(incoming));
            if (source is null)
            {
                done[i] = Rejection($"Unknown event type '{IngestionLimits.Truncate(incoming.Type, IngestionLimits.MaxEventTypeChars)}'.");
                continue;
            }
            try
            {
                prepared.Add(new PreparedEvent(i, incoming, source, RawPayloadPolicy.Minimize(incoming, playbooks.Current.Ingestion.RawPayloadFields)));
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                done[i] = Rejection($"{incoming.Type}: the event cannot be read: {ex.Message}");
            }
        }
        return prepared;
    }

    private async Task<IngestOutcome> NormalizeAndCorrelateAsync(PreparedEvent prepared, string payloadRef, DurableTaskClient durable, CancellationToken budget,
        CancellationToken cancellationToken)
    {
        var (_, incoming, source, minimized) = prepared;
        Signal signal;
        try
        {
            signal = source.Normalize(incoming, pseudonymizer, payloadRef);
            // Before the signal reaches any durable input: the raw store above keeps the original text.
            signal = signal with { Summary = FreeTextScrubber.Scrub(signal.Summary) };
        }
        catch (SignalRejectedException ex)
        {
            return Rejection(ex.Message);
        }
        // A source that trips over a value it did not expect rejects the event (recorded, with the reason); it never fails
        // the delivery, which Event Grid would redeliver to fail the same way.
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return Rejection($"{incoming.Type}: data cannot be normalized: {ex.Message}");
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
        // Null: correlation did not settle (the key is contended beyond reason); the claim is released so Event Grid's
        // redelivery (the 503 asks for one) processes the event afresh, instead of remembering it as done.
        return await CorrelateAsync(incoming, signal, payloadHash, durable, budget, cancellationToken)
            ?? new IngestOutcome(IngestOutcome.InProgress, null, "correlation did not settle; retry");
    }

    private static bool IsUnreadable(Exception ex) =>
        ex is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException or KeyNotFoundException;

    private static IngestOutcome Rejection(string reason) =>
        new(IngestOutcome.Rejected, null, IngestionLimits.Truncate(reason, IngestionLimits.MaxReasonChars));

    /// <summary>
    /// What became of the event with this deduplication key (<see cref="IncomingEvent.DedupeKey"/>), or null while it has not
    /// arrived or is still being processed. Lets a caller that did not deliver the event itself (a drill that added an anomaly
    /// to the Salesforce store, which the relay then published) learn which incident it opened or joined.
    /// </summary>
    public Task<IngestOutcome?> FindOutcomeAsync(string dedupeKey, CancellationToken cancellationToken = default) =>
        claims.FindOutcomeAsync(dedupeKey, cancellationToken);

    /// <param name="budget">The delivery's time budget: only a wait before anything is written for the event (for a joined
    /// incident to start) ends with it, and the event is given back for the redelivery.</param>
    private async Task<IngestOutcome?> CorrelateAsync(IncomingEvent incoming, Signal signal, string payloadHash, DurableTaskClient durable, CancellationToken budget,
        CancellationToken cancellationToken)
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
                if (decision == CorrelationDecision.Join && IncidentStartWait.IsStarting(instance))
                {
                    // Scheduled, not yet started: the engine may drop an event raised to it now (a wake or a widening signal,
                    // lost after the webhook answered "joined"), so the join waits for the start, as for the opener.
                    instance = await IncidentStartWait.WhenStartedAsync(durable, entry.IncidentId, StartPatience, time, budget);
                    if (instance is null)
                    {
                        opening = true;
                        break;
                    }
                    decision = CorrelationRules.Decide(StateOf(instance), entry.OpenedAt, now, window, options.ClaimTimeout);
                }
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
                await correlation.SetManyAsync([.. keys.Skip(1)], newId, now, cancellationToken);
                await joins.OpenAsync(newId, IncidentScope.Of([signal]), cancellationToken);
                if (await starter.StartOnceAsync(durable, new IncidentInput(newId, now, signal, runtime.ToRuntime(), linked, Revision: IncidentInput.CurrentRevision), cancellationToken)
                    == IncidentStartOutcome.Contended)
                {
                    return null;
                }
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
        : instance.IsRunning || instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending || IsContinuingAsNew(instance) ? IncidentInstanceState.Running
        : IncidentInstanceState.Ended;

    /// <summary>
    /// An incident that continues as new (docs/performance.md#bounded-histories) may show the obsolete status for a moment
    /// while its next generation starts: it is running, and an event raised now reaches the next generation.
    /// </summary>
#pragma warning disable CS0618
    private static bool IsContinuingAsNew(OrchestrationMetadata instance) => instance.RuntimeStatus == OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Event {EventType} -> {Outcome} {IncidentId}")]
    private static partial void LogIngested(ILogger logger, string eventType, string outcome, string? incidentId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "The delivery's time budget ({BudgetSeconds} s) ran out with {Events} event(s) not done; their claims were released for the redelivery")]
    private static partial void LogBudgetSpent(ILogger logger, int events, double budgetSeconds);

    private sealed record PreparedEvent(int Index, IncomingEvent Incoming, ISignalSource Source, string Minimized);
}
