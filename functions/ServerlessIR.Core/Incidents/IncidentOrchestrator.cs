using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// One durable instance per incident: assess, preserve and contain, tell people, then sleep on durable timers until each
/// obligation's checkpoints, recording every step as evidence.
/// </summary>
/// <remarks>
/// Deterministic: time comes only from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, waits are durable timers,
/// everything else is an activity. Incident time runs at real speed while the run works and at the scale only while it waits (<see cref="IncidentTime"/>).
/// In the clock watch and the closure wait it continues as new once a generation's history is spent (<see cref="HistoryBudget"/>),
/// carrying everything into the next (<see cref="IncidentResume"/>), so a storm or a weeks-long wait never grows the
/// history every turn replays.
/// </remarks>
[DurableTask(nameof(IncidentOrchestrator))]
public sealed class IncidentOrchestrator : TaskOrchestrator<IncidentInput, IncidentSummary>
{
    /// <summary>Containment attempts before a step is surfaced to a person as failed.</summary>
    public const int MaxContainmentAttempts = ContainmentPhase.MaxAttempts;

    public override async Task<IncidentSummary> RunAsync(TaskOrchestrationContext context, IncidentInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = new IncidentRun(context, input);
        if (input.Resume is { } resume)
        {
            return await ResumeAsync(run, resume);
        }
        var log = context.CreateReplaySafeLogger<IncidentOrchestrator>();

        // First action first: the first containment call waits only for what it needs (the plan, then its step gate), two
        // round trips instead of six; the evidence and the incident record are written alongside, each in the order asked
        // for (IncidentRun's lanes), and awaited once the first containment has run.
        // From revision 2 the two entries and the record are one journal activity (EvidenceWithNext, then Publish).
        var received = run.EvidenceWithNext(EvidenceKinds.SignalReceived, "source:" + input.FirstSignal.Source, input.FirstSignal.Summary,
            IncidentRun.Payload(input.FirstSignal));
        var linked = input.LinkedIncidentId is null
            ? Task.CompletedTask
            : run.EvidenceWithNext(EvidenceKinds.IncidentLinked, "system", $"Follows closed incident {input.LinkedIncidentId}");
        var opened = run.PublishAfter(Task.WhenAll(received, linked));
        if (SmokeTestSource.IsSmoke(input.FirstSignal))
        {
            await Task.WhenAll(received, linked, opened);
            // A smoke test proves the path and ends here: no assessment, so no obligation, clock or containment step.
            run.State.SetStatus(IncidentStatus.Closed);
            await run.Journal(EvidenceKinds.SmokeClosed, "system", "Smoke test: signal recorded; closed without assessment or containment",
                anchor: "smoke test");
            await run.Inbox.TakeJoinsAsync(final: true);
            return run.Summary;
        }

        var planning = context.CallActivityAsync<IncidentPlan>(nameof(PlanIncidentActivity),
            new PlanIncidentInput(input.IncidentId, input.OpenedAt, run.Signals), IncidentRun.ActivityRetry);
        IncidentPlan plan;
        try
        {
            plan = await planning;
        }
        catch (TaskFailedException ex)
        {
            // Without a plan there are no clocks to keep: the incident fails, but says so where people look (its record and
            // evidence) instead of leaving the record at Open while the instance is gone.
            run.State.SetStatus(IncidentStatus.Failed);
            await run.Journal(EvidenceKinds.IncidentClosed, "system",
                $"Failed: the incident could not be assessed ({ex.FailureDetails.ErrorType}); a person must assess it by hand",
                new JsonObject { ["status"] = nameof(IncidentStatus.Failed), ["reason"] = ex.FailureDetails.ErrorType }, anchor: "failed");
            await run.Inbox.TakeJoinsAsync(final: true);
            throw;
        }
        run.Apply(plan);
        // Status posts run on the playbook's cadence from here until the incident ends, rung by the inbox's waits.
        run.Status.Start();
        var severity = plan.Assessment.Severity;
        var assessed = run.EvidenceWithNext(EvidenceKinds.AssessmentCompleted, "system",
            // Invariant culture: evidence text must not depend on the host's locale (a comma-decimal host wrote "3,5").
            string.Create(CultureInfo.InvariantCulture,
                $"{severity.Level} (ENISA {severity.EnisaScore:0.##}, {severity.EnisaLevel}); {plan.Assessment.Obligations.Count} obligation(s); AI system {plan.AiSystemId ?? "unknown"}"),
            JsonSerializer.SerializeToNode(plan.Assessment, JsonSerializerOptions.Web)!.AsObject());
        log.IncidentAssessed(input.IncidentId, severity.Level, plan.Assessment.Obligations.Count);

        run.State.SetStatus(IncidentStatus.Containing);
        var containing = run.PublishAfter(assessed);
        var containment = new ContainmentPhase(run, new ApprovalLadder(run));
        // The first step's gate and call start now, while the assessment's record and the status are still being written.
        await containment.RunAsync();
        await Task.WhenAll(opened, containing);
        var watch = new ClockWatch(run, containment);
        if (!run.Closed)
        {
            // The plan in force now: a joined signal or amended facts may have re-assessed it during containment.
            plan = run.Plan;
            severity = plan.Assessment.Severity;
            await containment.RecordEndAsync("All containment steps done", first: () => run.Notify("incident-opened", plan.Route.Dpo.Concat(plan.Route.Owners).ToList(),
                $"[{severity.Level}] AI data leak: {plan.AiSystemName ?? "unknown AI system"} ({input.IncidentId})",
                new Dictionary<string, string>
                {
                    ["Severity"] = severity.Level,
                    ["AI system"] = plan.AiSystemName ?? "unknown",
                    ["Data categories"] = string.Join(", ", plan.DataCategories),
                    ["Containment"] = string.Join("; ", run.State.Containment.Results.Select(c => $"{c.Action}: {c.Status}")),
                    ["Nearest deadline"] = IncidentRun.NearestDeadline(plan) ?? "none with a fixed period",
                }));

            // Follow-up work starts once containment is done; the inbox's waits ring its reminders from here on.
            await run.Tasks.SeedAsync(plan);
            run.Tasks.Start();
            await run.Notices.DraftAsync(plan);
            if (await watch.RunAsync())
            {
                return ContinueAsNew(run, IncidentResumePhase.ClockWatch);
            }
        }
        return await AfterWatchAsync(run, watch);
    }

    /// <summary>
    /// A generation after a continue-as-new: takes up the state carried over and goes straight back to the phase the last
    /// generation left, without assessing, containing, drafting notices or seeding tasks again (docs/performance.md#bounded-histories).
    /// </summary>
    private static async Task<IncidentSummary> ResumeAsync(IncidentRun run, IncidentResume resume)
    {
        run.Resume(resume);
        run.Status.Start();
        run.Tasks.Start();
        await run.Journal(EvidenceKinds.IncidentContinuedAsNew, "system",
            $"Generation {resume.Generation} continues the {WireNames.Of(resume.Phase)} with a fresh history (the last wrote about {resume.PreviousGenerationEvents} events)",
            new JsonObject
            {
                ["generation"] = resume.Generation,
                ["phase"] = WireNames.Of(resume.Phase),
                ["previousGenerationEvents"] = resume.PreviousGenerationEvents,
                ["eventsPerGeneration"] = run.History.EventsPerGeneration,
                ["signals"] = resume.Summary.Signals,
                ["joinBatches"] = resume.JoinBatches,
                ["joinsLeft"] = resume.JoinsLeft,
                ["evidenceSequence"] = resume.EvidenceSequence,
            });
        var watch = new ClockWatch(run, new ContainmentPhase(run, new ApprovalLadder(run)));
        if (resume.Phase == IncidentResumePhase.Closure)
        {
            return await AwaitClosureAsync(run, announce: false) ? ContinueAsNew(run, IncidentResumePhase.Closure) : await EndAsync(run, watch);
        }
        return await watch.RunAsync() ? ContinueAsNew(run, IncidentResumePhase.ClockWatch) : await AfterWatchAsync(run, watch);
    }

    /// <summary>The clocks are done (or the incident closed early): record it, then wait for closure or end.</summary>
    private static async Task<IncidentSummary> AfterWatchAsync(IncidentRun run, ClockWatch watch)
    {
        if (!run.Closed)
        {
            if (run.Input.Runtime.HorizonHours is null)
            {
                await run.Journal(EvidenceKinds.IncidentClocksDone, "system", "Every checkpoint has fired and the correlation window has closed",
                    anchor: "clocks done");
            }
            else
            {
                await run.Journal(EvidenceKinds.IncidentHorizonReached, "system", "Clocks watched to the horizon; later obligations stay scheduled",
                    anchor: "horizon");
            }
            if (run.Input.Runtime.AwaitClosure && await AwaitClosureAsync(run, announce: true))
            {
                return ContinueAsNew(run, IncidentResumePhase.Closure);
            }
        }
        return await EndAsync(run, watch);
    }

    /// <summary>Ends the generation and starts the next at <paramref name="phase"/>; what this one returns is not kept.</summary>
    private static IncidentSummary ContinueAsNew(IncidentRun run, IncidentResumePhase phase)
    {
        run.ContinueAsNew(phase);
        return run.Summary;
    }

    /// <summary>The incident ends: its alarms stop, the last joined signals are taken and the last events handled.</summary>
    private static async Task<IncidentSummary> EndAsync(IncidentRun run, ClockWatch watch)
    {
        run.Tasks.Stop();
        run.Status.Stop();
        // Ingestion may have raised a joining signal while the last records were written; an event still pending when
        // the instance completes is discarded. (One raised after this is seen by ingestion, which opens a follow-on; a
        // quiet join recorded after the final take's seal is refused by the ledger and opens one too.)
        await run.Inbox.TakeJoinsAsync(final: true);
        await watch.DrainAsync();
        return run.Summary;
    }

    /// <summary>
    /// The closure phase: the incident stays <c>Contained</c>, its tasks keep their timers, and it takes events until a
    /// person closes it with its post-incident review (docs/lifecycle.md). It may last weeks, so it continues as new
    /// between two waits once the generation's history is spent.
    /// </summary>
    /// <param name="announce">Whether to record that the review is due: once, in the generation that enters the phase.</param>
    /// <returns>True when the incident should continue as new in this phase; false when it closed.</returns>
    private static async Task<bool> AwaitClosureAsync(IncidentRun run, bool announce)
    {
        if (announce)
        {
            await run.Journal(EvidenceKinds.IncidentReviewDue, "system",
                "Clocks done: the incident waits for its open tasks and its post-incident review before it can close");
        }
        run.InLongLivedPhase = true;
        try
        {
            while (!run.Closed)
            {
                if (run.ContinueAsNewDue)
                {
                    // Between two waits, with every event delivered handled and every record written: a safe point.
                    await run.Inbox.DrainAsync();
                    await run.IdleAsync();
                    if (!run.Closed && !run.Inbox.HasEvent)
                    {
                        return true;
                    }
                    continue;
                }
                // An incident day at a time, so no single durable timer is longer than the backends allow; the wait is compressed
                // by the time scale like every other wait (docs/clock.md).
                var incidentUntil = run.Now.AddDays(1);
                await run.Inbox.WaitForEventAsync(run.Time.RealWhen(incidentUntil, run.Context.CurrentUtcDateTime), incidentUntil);
            }
            return false;
        }
        finally
        {
            run.InLongLivedPhase = false;
        }
    }
}
