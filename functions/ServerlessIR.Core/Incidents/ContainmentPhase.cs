using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The containment steps of an incident in waves: the steps whose predecessors (the playbook's <c>after</c>, by default
/// every step listed before) have all ended run together, their calls in parallel; each step's activity is retried with
/// durable back-off on transient failures; a permanent failure is surfaced to a person and the incident goes on. Between
/// steps, and during approval waits and back-off, incident events are handled as they come: a false positive stops the
/// steps (and undoes the done ones), a rise in severity adds the steps the new severity needs, and no step runs twice.
/// </summary>
internal sealed class ContainmentPhase(IncidentRun run, ApprovalLadder approvals)
{
    /// <summary>Containment attempts before a step is surfaced to a person as failed.</summary>
    public const int MaxAttempts = 5;

    // A step's records (its evidence, then the incident record) are written while the next step's gate and call go out:
    // the next step needs neither, and the lanes in IncidentRun keep their order. The phase ends when they are in.
    private readonly List<Task> records = [];

    /// <summary>Runs every planned step not begun yet, including those events add while it runs; stops when the incident closes.</summary>
    public async Task RunAsync()
    {
        await RunStepsAsync();
        await Task.WhenAll(records);
        records.Clear();
    }

    private async Task RunStepsAsync()
    {
        while (await ReadyStepsAsync() is { Count: > 0 } ready)
        {
            // A wave: the steps whose predecessors have all ended. Begun in plan order, so step numbers do not depend on timing.
            var plan = run.Plan;
            var wave = ready.Select(p => (Planned: p, Request: Request(plan, p, run.State.Containment.Begin(p)))).ToList();
            var gates = await new ContainmentGate(run).DecideWaveAsync(plan, [.. wave.Select(w => (w.Planned, w.Request.Step))]);
            // Every step that may run now is called at once; the results are taken in plan order, so the evidence keeps the
            // playbook's order on every run. Nothing waits on the inbox while a call is out: by the time the steps sleep
            // (back-off) or wait for a person, every call already made has its result recorded, and a false positive undoes
            // them all.
            var calls = wave.Select((w, i) => gates[i].Verdict == StepGateVerdict.Ask ? null : Call(w.Request)).ToList();
            var retries = new SortedSet<int>();
            // From revision 2 a step that succeeded while a later call of its wave is still to be taken leaves its evidence
            // for the journal of the wave's last result: one journal for the wave, not one per step.
            var lastCall = calls.FindLastIndex(c => c is not null);
            for (var i = 0; i < wave.Count; i++)
            {
                if (calls[i] is { } call)
                {
                    await TakeFirstAsync(wave[i].Request, call, gates[i], () => retries.Add(i), withNext: run.Input.SendsWithJournal && i < lastCall);
                }
            }
            // The retries of the steps that need nobody come first: their back-off is seconds, a person's answer may be hours.
            if (!await RetryAsync(wave, gates, retries))
            {
                return;
            }
            // The steps that wait for a person are asked together, each for itself; an approved one is called as soon as its
            // own decision comes, while the others go on waiting.
            var asked = Enumerable.Range(0, wave.Count).Where(i => gates[i].Verdict == StepGateVerdict.Ask).ToList();
            if (asked.Count > 0 && !await AskAsync(plan, [.. asked.Select(i => (wave[i].Request, gates[i]))], i => retries.Add(asked[i])))
            {
                return;
            }
            if (!await RetryAsync(wave, gates, retries))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Retries, one at a time and after back-off, the steps of <paramref name="wave"/> whose first call failed transiently;
    /// false when the incident closed meanwhile.
    /// </summary>
    private async Task<bool> RetryAsync(IReadOnlyList<(PlannedStep Planned, ContainmentRequest Request)> wave, StepGateDecision[] gates, SortedSet<int> retries)
    {
        foreach (var i in retries)
        {
            // Events between steps: a false positive stops here, a rise in severity adds steps for the next wave.
            await run.Inbox.DrainAsync(betweenSteps: true);
            if (run.Closed || await AttemptsAsync(wave[i].Request, 2) is not { } ended)
            {
                return false;
            }
            Finish(ended.Result, gates[i], ended.Records);
        }
        retries.Clear();
        return true;
    }

    /// <summary>
    /// Asks for approval of the <paramref name="steps"/> (one wave's, in plan order) at once and ends or calls each as its
    /// decision comes; <paramref name="retry"/> takes the index of a step whose first call failed transiently. False when the
    /// incident closed during the wait: the steps not decided by then do not run.
    /// </summary>
    private async Task<bool> AskAsync(IncidentPlan plan, IReadOnlyList<(ContainmentRequest Request, StepGateDecision Gate)> steps, Action<int> retry)
    {
        // Events first: a false positive that came with the wave's calls stops it before anyone is asked.
        await run.Inbox.DrainAsync(betweenSteps: true);
        if (run.Closed)
        {
            return false;
        }
        var withdrawn = false;
        var asks = steps.Select(s => new ApprovalAsk(s.Request.Action, s.Gate.DefaultAfterLastTier)).ToList();
        await approvals.DecideAsync(plan, asks, async (ask, decision, detail) =>
        {
            var index = asks.IndexOf(ask);
            var (request, gate) = steps[index];
            switch (decision)
            {
                case ApprovalResult.Withdrawn:
                    // The incident was closed during the wait (a false positive): the step does not run.
                    withdrawn = true;
                    break;
                case ApprovalResult.Rejected or ApprovalResult.Held:
                    Finish(new ContainmentSummary(request.Action,
                        decision == ApprovalResult.Rejected ? ContainmentStatus.Rejected : ContainmentStatus.Held, 0, detail), gate, stepRecords: null);
                    break;
                default:
                    // Its result is recorded before the wait resumes, so a false positive handled there undoes it too.
                    await TakeFirstAsync(request, Call(request), gate, () => retry(index));
                    break;
            }
        });
        return !withdrawn && !run.Closed;
    }

    /// <summary>Takes a step's first call: its end is recorded, or <paramref name="retry"/> is called for a transient failure.</summary>
    private async Task TakeFirstAsync(ContainmentRequest request, Task<ContainmentOutcome> call, StepGateDecision gate, Action retry, bool withNext = false)
    {
        if (await TryOnceAsync(request, 1, call, withNext) is { } ended)
        {
            Finish(ended.Result, gate, ended.Records);
        }
        else
        {
            retry();
        }
    }

    private ContainmentRequest Request(IncidentPlan plan, PlannedStep planned, int step) =>
        new(run.Input.IncidentId, step, planned.Action, plan.OrgId, plan.AiSystemId, run.Input.FirstSignal.PayloadRef,
            run.Input.FirstSignal.OccurredAt, run.Context.CurrentUtcDateTime, run.Input.FirstSignal.Exercise);

    private Task<ContainmentOutcome> Call(ContainmentRequest request) =>
        run.Context.CallActivityAsync<ContainmentOutcome>(ContainmentActions.ActivityFor(request.Action), request);

    /// <summary>Attempts from <paramref name="from"/> on, with durable back-off before each retry; null when the incident closed meanwhile.</summary>
    private async Task<(ContainmentSummary Result, Func<Task>? Records)?> AttemptsAsync(ContainmentRequest request, int from)
    {
        for (var attempts = from; attempts <= MaxAttempts; attempts++)
        {
            if (attempts > 1)
            {
                // Durable back-off: the wait survives a restart and costs nothing while it runs; events are handled
                // during it, and a false positive ends it with the step not taken.
                await run.Inbox.SleepAsync(run.Context.CurrentUtcDateTime.AddSeconds(Math.Min(30, Math.Pow(2, attempts - 2))));
                if (run.Closed)
                {
                    return null;
                }
            }
            if (await TryOnceAsync(request, attempts, Call(request)) is { } ended)
            {
                return ended;
            }
        }
        throw new InvalidOperationException("The last attempt always ends the step.");
    }

    /// <summary>
    /// Takes one attempt's result: success, a hold or a failure to surface ends the step (its evidence is under way); a
    /// transient failure with attempts left returns null, for a retry after back-off.
    /// </summary>
    /// <param name="withNext">
    /// A success's evidence goes out with the next bookkeeping (<see cref="IncidentRun.EvidenceWithNext"/>), and no record is
    /// written for it alone: a later result of the same wave is about to write one. From revision 5 the same holds for a
    /// failure's or a hold's evidence and e-mail (<see cref="IncidentRun.HoldForNext"/>).
    /// </param>
    private async Task<(ContainmentSummary Result, Func<Task>? Records)?> TryOnceAsync(ContainmentRequest request, int attempts, Task<ContainmentOutcome> call,
        bool withNext = false)
    {
        var action = request.Action;
        try
        {
            var outcome = await call;
            var (summary, payload) = ($"{action}: {outcome.Detail}", new JsonObject
            {
                ["action"] = action,
                ["status"] = WireNames.Of(outcome.Status),
                ["attempts"] = attempts,
                ["before"] = outcome.Before?.DeepClone(),
                ["after"] = outcome.After?.DeepClone(),
                ["undo"] = outcome.Undo?.DeepClone(),
            });
            run.State.Containment.RecordPerformed(new PerformedStep(request, outcome));
            Func<Task> records;
            if (withNext)
            {
                records = () => run.EvidenceWithNext(EvidenceKinds.ContainmentSucceeded, "system", summary, payload);
            }
            else if (run.Input.JournalsSteps)
            {
                // Its evidence and the record that shows the step go out together once the step is recorded (Finish).
                records = () => run.Journal(EvidenceKinds.ContainmentSucceeded, "system", summary, payload);
            }
            else
            {
                // Revision 0 began the evidence here and the record after it: its replays ask for them in the same order.
                var succeeded = run.Evidence(EvidenceKinds.ContainmentSucceeded, "system", summary, payload);
                records = () => run.PublishAfter(succeeded);
            }
            return (new ContainmentSummary(action, outcome.Status, attempts, outcome.Detail), records);
        }
        catch (TaskFailedException ex) when (attempts < MaxAttempts && !IsPermanent(ex))
        {
            return null;
        }
        catch (TaskFailedException ex) when (CausedBy<ContainmentHeldException>(ex.FailureDetails))
        {
            var reason = ex.FailureDetails.ErrorMessage;
            return await Surfaced(new ContainmentSummary(action, ContainmentStatus.Held, attempts, reason), withNext, async () =>
            {
                await run.Evidence(EvidenceKinds.ContainmentHeld, "system", $"{action} held: {reason}",
                    new JsonObject { ["action"] = action, ["attempts"] = attempts, ["reason"] = reason });
                await run.Notify("containment-held", run.Plan.Route.Owners.Concat(run.Plan.Route.Dpo).ToList(),
                    $"Decision needed: {action} held for safety ({run.Input.IncidentId})",
                    new Dictionary<string, string> { ["Action"] = action, ["Why"] = reason });
            });
        }
        catch (TaskFailedException ex)
        {
            var reason = ex.FailureDetails.ErrorMessage;
            var permanent = IsPermanent(ex);
            return await Surfaced(new ContainmentSummary(action, ContainmentStatus.Failed, attempts, reason), withNext, async () =>
            {
                await run.Evidence(EvidenceKinds.ContainmentFailed, "system", $"{action} failed after {attempts} attempt(s): {reason}", new JsonObject
                {
                    ["action"] = action,
                    ["attempts"] = attempts,
                    ["permanent"] = permanent,
                    ["error"] = reason,
                });
                await run.Notify("containment-failed", run.Plan.Route.Owners.Concat(run.Plan.Route.Dpo).ToList(),
                    $"Action needed: {action} failed ({run.Input.IncidentId})",
                    new Dictionary<string, string> { ["Action"] = action, ["Attempts"] = attempts.ToString(CultureInfo.InvariantCulture), ["Error"] = reason });
            });
        }
    }

    /// <summary>
    /// A step that ended held or failed, and <paramref name="tell"/>: its evidence and the e-mail to the people who must act.
    /// From revision 5 (<see cref="IncidentInput.JournalsEvents"/>) these go out with the record in one journal once the step
    /// is recorded (<see cref="Finish"/>), while the wave's other results are taken, and when a later call of the wave is
    /// still to be taken (<paramref name="withNext"/>) with that one's journal: a wave whose steps fail together ends with one
    /// journal, not one each queued ahead of its approval request. Before, an append, a send, another append and then the
    /// record, one after another before the next result.
    /// </summary>
    private async Task<(ContainmentSummary Result, Func<Task>? Records)?> Surfaced(ContainmentSummary result, bool withNext, Func<Task> tell)
    {
        if (run.Input.JournalsEvents)
        {
            return (result, withNext ? () => run.HoldForNext(tell) : () => run.InEventJournal(tell));
        }
        await tell();
        return (result, null);
    }

    /// <summary>Records a step's end; its evidence (when it succeeded) and the record go out while the phase goes on.</summary>
    private void Finish(ContainmentSummary result, StepGateDecision gate, Func<Task>? stepRecords)
    {
        run.State.Containment.Record(result with { Gate = gate.Summary });
        records.Add(stepRecords is null ? run.Publish() : stepRecords());
    }

    /// <summary>
    /// Handles the events that came in first (a false positive closes the incident, a rise in severity adds steps), then
    /// gives the steps that may run now: none once the incident closed.
    /// </summary>
    private async Task<IReadOnlyList<PlannedStep>> ReadyStepsAsync()
    {
        await run.Inbox.DrainAsync(betweenSteps: true);
        return run.Closed ? [] : run.State.Containment.ReadySteps();
    }

    /// <summary>
    /// Runs the steps a rise in severity added after the first containment had ended, then records where containment
    /// stands again. The owners were told what was added when the re-assessment re-planned.
    /// </summary>
    public async Task ResumeAsync()
    {
        run.State.SetStatus(IncidentStatus.Containing);
        await run.Publish();
        await RunAsync();
        if (!run.Closed)
        {
            await RecordEndAsync("Added containment steps done");
        }
    }

    /// <summary>
    /// Records where containment stands once no step is left: contained, or incomplete with a person to act. <paramref name="first"/>
    /// (the e-mail that tells people the incident is open) runs before; from revision 2 in the same step, so its message goes
    /// out with the journal that records the end.
    /// </summary>
    public async Task RecordEndAsync(string doneSummary, Func<Task>? first = null)
    {
        if (first is not null && !run.Input.SendsWithJournal)
        {
            await first();
        }
        var failed = run.State.Containment.Incomplete;
        if (!failed)
        {
            run.State.Contained(run.Now, Math.Round((run.Context.CurrentUtcDateTime - run.Input.OpenedAt.UtcDateTime).TotalSeconds, 1));
        }
        // Sealed at once, not at the first checkpoint hours later: until an anchor covers them, the containment records
        // could be rewritten by anyone with Table write access without a trace.
        var (kind, summary) = failed
            ? (EvidenceKinds.IncidentContainmentIncomplete, "Containment incomplete: a person must act on the failed steps")
            : (EvidenceKinds.IncidentContained, doneSummary);
        if (run.Input.SendsWithJournal)
        {
            await run.InJournal(async () =>
            {
                if (first is not null)
                {
                    await first();
                }
                await run.Evidence(kind, "system", summary);
            }, anchor: "containment done");
        }
        else if (run.Input.JournalsSteps)
        {
            await run.Journal(kind, "system", summary, anchor: "containment done");
        }
        else
        {
            // Revision 0 wrote the record before the anchor; its replays must ask for the same activities in the same order.
            await run.Evidence(kind, "system", summary);
            await run.Publish();
            await run.Anchor("containment done");
        }
    }

    internal static bool IsPermanent(TaskFailedException ex) =>
        CausedBy<PermanentContainmentException>(ex.FailureDetails) || CausedBy<ContainmentHeldException>(ex.FailureDetails)
        || CausedBy<ArgumentException>(ex.FailureDetails);

    /// <summary>
    /// Whether the failure (or one it wraps) is exactly a <typeparamref name="T"/>, by type name. The SDK's
    /// <c>IsCausedBy</c> resolves the failure's type by name across loaded assemblies and throws when two define it
    /// (HttpRequestException is in more than one), which would fail the whole orchestration on an ordinary network error.
    /// </summary>
    internal static bool CausedBy<T>(TaskFailureDetails? details) where T : Exception
    {
        for (var d = details; d is not null; d = d.InnerFailure)
        {
            if (d.ErrorType == typeof(T).FullName)
            {
                return true;
            }
        }
        return false;
    }
}
