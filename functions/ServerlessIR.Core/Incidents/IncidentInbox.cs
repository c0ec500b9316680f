using System.Text.Json.Nodes;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The one intake for what reaches a running incident from outside (joined signals, amended facts and holds, a false
/// positive, submitted notices), used by every phase: containment drains it between steps, approval waits and back-off
/// timers race it, notice drafting drains it between drafts, and the clock watch sleeps on it. An event therefore takes
/// effect as it comes, whatever the incident is doing. It is also the incident's one waiter: every wait sleeps on a single
/// durable timer for the nearest wake-up, the caller's own end or an alarm's (<see cref="IIncidentAlarm"/>, the tasks'
/// reminders and escalations) that falls before it, and rings the alarm when its moment comes.
/// </summary>
/// <remarks>
/// One wait for <see cref="IncidentEvent.Name"/> is kept for the whole run and taken only when it completes: the SDK
/// (1.28) delivers an event to the oldest waiter for its name even when that waiter was cancelled, and the event is lost
/// (microsoft/durabletask-dotnet#508). Handling an event never runs containment or waits on the inbox itself: a handler
/// records, re-assesses and re-plans; the phase that owns the steps runs the ones a re-plan added.
/// </remarks>
internal sealed class IncidentInbox(IncidentRun run)
{
    private const int MaxBatchesPerTake = 200;
    private readonly FactsDesk facts = new(run);
    private readonly FalsePositiveClosure falsePositive = new(run);
    private readonly IncidentClosure closure = new(run);
    private readonly List<IIncidentAlarm> alarms = [];
    private Task<IncidentEvent>? pending;
    private int joinBatches;
    private bool joinsLeft;
    // Set by the final take: the incident is ending, and every event still delivered is handled (DrainAsync).
    private bool finalTaken;

    /// <summary>The wait for the next event: the same task until it completes and is taken.</summary>
    private Task<IncidentEvent> Next => pending ??= run.Context.WaitForExternalEvent<IncidentEvent>(IncidentEvent.Name);

    /// <summary>Joined-signal batches taken so far: a batch's number keys its take, across generations.</summary>
    public int JoinBatches => joinBatches;

    /// <summary>Whether a take stopped with joined signals still waiting, because the generation's history was spent.</summary>
    public bool JoinsLeft => joinsLeft;

    /// <summary>Whether an event has arrived that is not handled yet: a generation must not end with one.</summary>
    public bool HasEvent => Next.IsCompleted;

    /// <summary>Takes up the previous generation's batch count, and whether signals were left for this one to take.</summary>
    public void Restore(int batches, bool left)
    {
        joinBatches = batches;
        joinsLeft = left;
    }

    /// <summary>
    /// Handles every event that has already arrived. The orchestrator calls it once more just before it ends: an event
    /// raised while the last records were written is in the history but would be dropped with the instance.
    /// </summary>
    /// <param name="betweenSteps">
    /// Containment's drain between its steps: from revision 1 (<see cref="IncidentInput.BoundsDrains"/>) it takes joined
    /// signals once at most. In a storm a new wake arrives while each take runs, and a drain that took every one would hold
    /// the containment steps (and the approvals they wait for) until the storm ended. A later wake stays first in line for
    /// the next drain or wait, which takes everything recorded by then; nothing is left behind, the steps just go on between
    /// takes. Events of any other kind that come before it are handled as ever, and after the final take every event is.
    /// The clock watch drains whole: it handles one event per wait anyway, and its safe point to continue as new needs
    /// every delivered event handled.
    /// </param>
    public async Task DrainAsync(bool betweenSteps = false)
    {
        if (run.Input.TakesPeopleFirst)
        {
            await DrainPeopleFirstAsync(betweenSteps);
            return;
        }
        var took = false;
        if (joinsLeft)
        {
            // Signals a spent generation left waiting: taken before anything else, in the order they arrived.
            await TakeJoinsAsync();
            took = true;
        }
        while (!run.Closed && Next.IsCompleted)
        {
            if (took && betweenSteps && run.Input.BoundsDrains && !finalTaken && Next.Result is SignalsPendingEvent)
            {
                return;
            }
            var incidentEvent = Take();
            took |= incidentEvent is SignalsPendingEvent;
            await HandleAsync(incidentEvent);
        }
    }

    /// <summary>
    /// <see cref="DrainAsync"/> from revision 5 (<see cref="IncidentInput.TakesPeopleFirst"/>): a wake for joined signals is
    /// noted, not taken where it stands in line. Every other event that has arrived (an amendment, a false positive, a task, a
    /// notice) is handled first, then the joins are taken once for every wake passed, then whatever people sent during the
    /// take. In a storm a wake is nearly always first in line, and a take is an activity and a journal per batch on a
    /// storage account the storm is loading: a person's amendment waited behind it. Joins lose nothing by the wait: the take
    /// reads everything recorded by then, and a quiet join does not widen the breach (a widening one arrives as its own
    /// event, in line). No new wake is raised while one is untaken, so passing wakes cannot keep a drain going.
    /// </summary>
    /// <remarks>
    /// Between containment steps the joins are taken once at most, as from revision 1: a wake passed after that take is owed
    /// (<see cref="JoinsLeft"/>, carried across continue-as-new too) and taken by the next drain or wait, after its people.
    /// </remarks>
    private async Task DrainPeopleFirstAsync(bool betweenSteps)
    {
        var owed = joinsLeft;
        var took = false;
        while (!run.Closed)
        {
            while (!run.Closed && Next.IsCompleted)
            {
                var incidentEvent = Take();
                if (incidentEvent is SignalsPendingEvent && !finalTaken)
                {
                    owed = true;
                    continue;
                }
                await HandleAsync(incidentEvent);
            }
            if (!owed || run.Closed)
            {
                return;
            }
            if (took && betweenSteps && !finalTaken)
            {
                joinsLeft = true;
                return;
            }
            owed = false;
            await TakeJoinsAsync();
            took = true;
            if (joinsLeft)
            {
                // The generation's history is spent: the rest is the next generation's to take.
                return;
            }
        }
    }

    /// <summary>
    /// Sleeps until <paramref name="until"/> (real time) on a durable timer, handling each event as it arrives, and
    /// returns early when <paramref name="wake"/> completes or the incident is closed. With <paramref name="incidentUntil"/>
    /// the sleep is a wait of the incident, standing for incident time up to it (<see cref="IncidentTime"/>); without,
    /// it is the pipeline's own pause (a back-off) and incident time runs at real speed.
    /// </summary>
    /// <returns>True when the time came; false when <paramref name="wake"/> or a close ended the sleep first.</returns>
    public Task<bool> SleepAsync(DateTime until, Task? wake = null, DateTimeOffset? incidentUntil = null) =>
        WaitAsync(until, incidentUntil, wake, wakeOnEvent: false);

    /// <summary>
    /// Waits until <paramref name="until"/> (real time), standing for incident time <paramref name="incidentUntil"/> (null:
    /// at real speed), or until one event has been handled, whichever is first.
    /// </summary>
    public Task WaitForEventAsync(DateTime until, DateTimeOffset? incidentUntil) => WaitAsync(until, incidentUntil, wake: null, wakeOnEvent: true);

    /// <summary>Rings <paramref name="alarm"/> from every wait from now on, until <see cref="Unwatch"/>.</summary>
    public void Watch(IIncidentAlarm alarm)
    {
        if (!alarms.Contains(alarm))
        {
            alarms.Add(alarm);
        }
    }

    /// <summary>Stops ringing <paramref name="alarm"/>.</summary>
    public void Unwatch(IIncidentAlarm alarm) => alarms.Remove(alarm);

    private async Task<bool> WaitAsync(DateTime until, DateTimeOffset? incidentUntil, Task? wake, bool wakeOnEvent)
    {
        await DrainAsync();
        if (run.Closed || wake?.IsCompleted == true)
        {
            run.Time = run.Time.Resumed(run.Context.CurrentUtcDateTime, reachedEnd: false);
            return false;
        }
        if (incidentUntil is { } target)
        {
            // Before the check below: a wait whose real end has come has reached its incident end as well.
            run.Time = run.Time.Waiting(run.Context.CurrentUtcDateTime, until, target);
        }
        if (run.Context.CurrentUtcDateTime >= until)
        {
            run.Time = run.Time.Resumed(run.Context.CurrentUtcDateTime, reachedEnd: true);
            return true;
        }
        // One durable timer at a time, for the nearest wake-up: the caller's own end, or an alarm's that comes before it.
        // It is replaced only when the nearest wake-up moves (an alarm rang, an event added a task).
        Task? timer = null;
        var timerAt = DateTime.MinValue;
        CancellationTokenSource? cancel = null;
        try
        {
            while (!run.Closed && wake?.IsCompleted != true)
            {
                var (at, standsFor, forAlarm) = NearestWake(until, incidentUntil);
                if (forAlarm && at <= run.Context.CurrentUtcDateTime)
                {
                    // Ringing is work, at real speed, as handling an event is.
                    run.Time = run.Time.Resumed(run.Context.CurrentUtcDateTime, reachedEnd: false);
                    await RingDueAsync();
                    continue;
                }
                if (timer is null || timerAt != at)
                {
                    Cancel(timer, cancel);
                    cancel?.Dispose();
                    cancel = new CancellationTokenSource();
                    timer = run.Context.CreateTimer(at, cancel.Token);
                    run.History.Timer();
                    timerAt = at;
                }
                // Nothing held back waits with the incident (revision 2's entries that go with the next bookkeeping).
                await run.SettleAsync();
                var next = Next;
                // Only the sleep itself is a wait: the events handled between two sleeps are work, at real speed.
                if (standsFor is { } sleepTarget)
                {
                    run.Time = run.Time.Waiting(run.Context.CurrentUtcDateTime, at, sleepTarget);
                }
                // The wake task first: a decision that arrived together with the timer's end still counts.
                var winner = wake is null ? await Task.WhenAny(timer, next) : await Task.WhenAny(wake, timer, next);
                run.Time = run.Time.Resumed(run.Context.CurrentUtcDateTime, reachedEnd: winner == timer);
                if (winner == timer)
                {
                    timer = null;
                    if (!forAlarm)
                    {
                        return true;
                    }
                    await RingDueAsync();
                    continue;
                }
                if (winner != next)
                {
                    return false;
                }
                if (run.Input.TakesPeopleFirst)
                {
                    // What arrived with it too, people's events before a take of joined signals.
                    await DrainAsync();
                }
                else
                {
                    await HandleAsync(Take());
                }
                if (wakeOnEvent)
                {
                    return false;
                }
            }
            return false;
        }
        finally
        {
            Cancel(timer, cancel);
            cancel?.Dispose();
        }
    }

    /// <summary>
    /// The nearest wake-up of a wait until <paramref name="until"/>: the real instant, the incident time it stands for (null:
    /// real speed), and whether it is an alarm's rather than the caller's end.
    /// </summary>
    private (DateTime At, DateTimeOffset? StandsFor, bool ForAlarm) NearestWake(DateTime until, DateTimeOffset? incidentUntil)
    {
        DateTimeOffset? nearest = null;
        foreach (var alarm in alarms)
        {
            if (alarm.NextAlarm is { } moment && (nearest is null || moment < nearest))
            {
                nearest = moment;
            }
        }
        if (nearest is { } due)
        {
            var at = run.Time.RealWhenWaiting(due, run.Context.CurrentUtcDateTime, until, incidentUntil);
            if (at < until)
            {
                return (at, due, true);
            }
        }
        return (until, incidentUntil, false);
    }

    /// <summary>Rings every alarm that is due; the evidence they ask for goes out together with the record (<see cref="IncidentRun.HoldEvidence"/>).</summary>
    private Task RingDueAsync() => run.HoldEvidence(RingDueWithinAsync);

    /// <summary>
    /// Rings every alarm that is due, inside a step already holding its evidence (a checkpoint's, from revision 2), so what
    /// they send and record goes out with that step's journal instead of one of their own at the next wait.
    /// </summary>
    public async Task RingDueWithinAsync()
    {
        var now = run.Now;
        // A copy: ringing may change who watches.
        foreach (var alarm in alarms.ToList())
        {
            if (alarm.NextAlarm is { } moment && moment <= now)
            {
                await alarm.RingAsync();
            }
        }
    }

    private static void Cancel(Task? timer, CancellationTokenSource? cancel)
    {
        if (timer is { IsCompleted: false } && cancel is not null)
        {
            // Synchronously: CancelAsync would run the timer's continuation on another thread, and an orchestrator
            // must stay single-threaded.
#pragma warning disable CA1849
            cancel.Cancel();
#pragma warning restore CA1849
        }
    }

    private IncidentEvent Take()
    {
        var completed = pending ?? throw new InvalidOperationException("No event wait is pending.");
        pending = null;
        run.History.Event();
        return completed.Result;
    }

    private async Task HandleAsync(IncidentEvent incidentEvent)
    {
        if (DualControlGuard.Refusal(run.Input.IncidentId, incidentEvent) is { } refusal)
        {
            await RefuseAsync(incidentEvent, refusal);
            return;
        }
        if (ApprovalOf(incidentEvent) is { } seconded)
        {
            // The second person's approval is a decision like a tier's: the channel hears who decided, before it takes effect.
            await run.Status.FollowUpAsync(new NoticeDecision
            {
                Subject = KindOf(incidentEvent) + " (two-person request)",
                Outcome = "Approved",
                DecidedBy = seconded.ApprovedBy,
                Tier = "second person",
                RequestedBy = seconded.RequestedBy,
                RealTime = seconded.ApprovedAt,
            });
        }
        switch (incidentEvent)
        {
            case SignalJoinedEvent { Signal: { } signal }:
                await JoinAsync(signal);
                break;
            case SignalsPendingEvent:
                await TakeJoinsAsync();
                break;
            case NoticeSubmittedEvent { Decision: { } decision }:
                await run.Notices.SubmittedAsync(decision);
                break;
            case FactsAmendedEvent { Amendment: { } amendment }:
                await facts.AmendAsync(amendment);
                break;
            case FalsePositiveDeclaredEvent { Request: { } request }:
                await falsePositive.CloseAsync(request);
                break;
            case TaskCreatedEvent { Task: { } task } when run.Plan is not null:
                await run.Tasks.AddAsync(task);
                break;
            case TaskResolvedEvent { Resolution: { } resolution } when run.Plan is not null:
                await run.Tasks.ResolveAsync(resolution);
                break;
            case CloseRequestedEvent { Review: { } review } when run.Plan is not null:
                await closure.CloseAsync(review);
                break;
            case TicketClosedEvent { Ticket: { } ticket }:
                await run.Ticket.ClosedThereAsync(ticket);
                break;
            case TwoPersonRejectedEvent { Rejection: { } rejection }:
                await RejectedAsync(rejection);
                break;
            default:
                await run.Evidence(EvidenceKinds.EventIgnored, "system", $"Event '{KindOf(incidentEvent)}' is not handled in this state");
                break;
        }
    }

    /// <summary>
    /// A second person refused a two-person request: the refusal goes into the incident's evidence (the request itself
    /// stays in the two-person store) and the channel hears who refused what, as it hears of an approval. Nothing else
    /// changes: the event the request would have raised was never raised.
    /// </summary>
    private async Task RejectedAsync(TwoPersonRejection rejection)
    {
        await run.Evidence(EvidenceKinds.TwoPersonRejected, "approver:" + rejection.RejectedBy,
            $"{rejection.RejectedBy} refused {rejection.RequestedBy}'s '{rejection.Kind}' request: {rejection.Summary}"
                + (rejection.Reason is null ? "" : " (" + rejection.Reason + ")"),
            new JsonObject
            {
                ["requestId"] = rejection.RequestId,
                ["event"] = rejection.Kind,
                ["summary"] = rejection.Summary,
                ["requestedBy"] = rejection.RequestedBy,
                ["rejectedBy"] = rejection.RejectedBy,
                ["reason"] = rejection.Reason,
                ["rejectedAt"] = rejection.RejectedAt,
            });
        await run.Status.FollowUpAsync(new NoticeDecision
        {
            Subject = rejection.Kind + " (two-person request)",
            Outcome = "Rejected",
            DecidedBy = rejection.RejectedBy,
            Tier = "second person",
            RequestedBy = rejection.RequestedBy,
            Reason = rejection.Reason ?? "",
            RealTime = rejection.RejectedAt,
        });
    }

    /// <summary>
    /// Records why an event that needs two people was refused, and nothing else: no step is undone, no clock moves, and
    /// the incident record is not rewritten for it.
    /// </summary>
    private Task RefuseAsync(IncidentEvent incidentEvent, EventRefusal refusal)
    {
        var approval = ApprovalOf(incidentEvent);
        var kind = KindOf(incidentEvent);
        return run.Evidence(EvidenceKinds.EventRefused, "system", $"Refused a '{kind}' event: {refusal.Detail}", new JsonObject
        {
            ["event"] = kind,
            ["reason"] = WireNames.Of(refusal.Reason),
            ["detail"] = refusal.Detail,
            ["dualControl"] = approval?.ToJson(),
        });
    }

    private async Task JoinAsync(Signal signal)
    {
        // The quiet joins recorded before it come first, so the count and the evidence keep the order of arrival.
        await TakeJoinsAsync();
        var widens = run.Join(signal);
        await run.Evidence(EvidenceKinds.SignalJoined, "source:" + signal.Source, signal.Summary, IncidentRun.Payload(signal));
        // A joined signal that widens the breach (more people, another country, another category, malice) is
        // re-assessed; one that repeats what is known is not, so an alert storm stays cheap per signal.
        if (widens)
        {
            await run.Reassess(reason: null);
        }
        await run.Publish();
    }

    /// <summary>
    /// Takes the signals ingestion recorded as joining without widening the breach (<see cref="IJoinLedger"/>), a batch
    /// per turn: each is counted, and each batch is one evidence record naming every signal's ID, payload hash and
    /// reference. Ingestion judged them against the scope it knew; they are checked again here, and a batch holding a
    /// signal that widens the breach after all re-assesses the incident.
    /// </summary>
    /// <remarks>
    /// Called on a <see cref="SignalsPendingEvent"/>, before a widening signal is handled, and once more, <paramref name="final"/>,
    /// on every way the incident ends: the final take seals the ledger before it reads (<see cref="IJoinLedger.SealAsync"/>),
    /// so a signal ingestion answered as joined is counted whether or not its wake arrived, and one recorded after the seal
    /// goes to a follow-on incident instead of waiting for an incident that has stopped taking.
    /// </remarks>
    public async Task TakeJoinsAsync(bool final = false)
    {
        joinsLeft = false;
        finalTaken |= final;
        // Bounded so one call cannot grow the history without end; what is left waits for the next wake or the final take,
        // which takes everything: after it nothing would.
        for (var turn = 0; final || turn < MaxBatchesPerTake; turn++)
        {
            if (!final && turn > 0 && run.ContinueAsNewDue)
            {
                // The generation's history is spent in a phase that continues as new: the rest is the next generation's
                // to take, first thing (DrainAsync), so no batch adds to a history that is about to be left behind.
                joinsLeft = true;
                return;
            }
            var number = joinBatches + 1;
            var batch = await run.Bookkeep(BookkeepingStep.JoinedSignals, $"joined signals (batch {number})", () =>
                run.Context.CallActivityAsync<JoinBatch>(nameof(TakeJoinedSignalsActivity),
                    new TakeJoinedSignalsRequest(run.Input.IncidentId, number, final), IncidentRun.ActivityRetry));
            if (batch is null || batch.Signals.Count == 0)
            {
                // Failed after its retries (recorded and told): the signals stay waiting for the next take (after a final
                // take's failure, in the ledger for a person, as the bookkeeping failure says).
                return;
            }
            joinBatches = number;
            var taken = batch.Signals.Where(s => !run.State.HasSignal(s.Id)).DistinctBy(s => s.Id).ToList();
            var widens = false;
            foreach (var joined in taken)
            {
                widens |= run.JoinQuietly(joined);
            }
            if (taken.Count > 0)
            {
                // From revision 5 the batch's evidence, a re-assessment's and the record go out in one journal.
                await run.InEventJournal(async () =>
                {
                    await run.Evidence(EvidenceKinds.SignalsJoined, "system",
                        $"{taken.Count} signal(s) joined without widening the breach (batch {number})", BatchPayload(number, taken));
                    // Without a plan (a smoke test, or an assessment that failed) there is nothing to revise: the batch is counted
                    // and in the evidence, for the person who assesses by hand.
                    if (widens && run.Plan is not null)
                    {
                        await run.Reassess(reason: null);
                    }
                    await run.Publish();
                });
            }
            if (!batch.More)
            {
                return;
            }
        }
    }

    private static JsonObject BatchPayload(int number, IReadOnlyList<JoinedSignal> taken) => new()
    {
        ["batch"] = number,
        ["count"] = taken.Count,
        ["signals"] = new JsonArray([.. taken.Select(s => (JsonNode?)new JsonObject
        {
            ["signalId"] = s.Id,
            ["hash"] = s.Hash,
            ["payloadRef"] = s.PayloadRef,
            ["source"] = s.Source,
            ["kind"] = s.Kind,
        })]),
    };

    /// <summary>The two people behind an event that needs them, or null.</summary>
    private static DualApproval? ApprovalOf(IncidentEvent incidentEvent) => incidentEvent switch
    {
        FalsePositiveDeclaredEvent { Request: { } request } => request.Approval,
        FactsAmendedEvent { Amendment: { } amendment } => amendment.Approval,
        CloseRequestedEvent { Review: { } review } => review.Approval,
        _ => null,
    };

    private static string KindOf(IncidentEvent incidentEvent) => incidentEvent switch
    {
        SignalJoinedEvent => IncidentEvent.Kinds.Signal,
        NoticeSubmittedEvent => IncidentEvent.Kinds.NoticeSubmitted,
        FactsAmendedEvent => IncidentEvent.Kinds.Facts,
        FalsePositiveDeclaredEvent => IncidentEvent.Kinds.FalsePositive,
        SignalsPendingEvent => IncidentEvent.Kinds.SignalsPending,
        TaskCreatedEvent => IncidentEvent.Kinds.TaskCreated,
        TaskResolvedEvent => IncidentEvent.Kinds.TaskResolved,
        CloseRequestedEvent => IncidentEvent.Kinds.Close,
        TicketClosedEvent => IncidentEvent.Kinds.TicketClosed,
        TwoPersonRejectedEvent => IncidentEvent.Kinds.TwoPersonRejected,
        _ => "unknown",
    };
}
