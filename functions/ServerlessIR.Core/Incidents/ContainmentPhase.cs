using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The containment steps of an incident in playbook order: each step's activity is retried with durable back-off on
/// transient failures; a permanent failure is surfaced to a person and the incident goes on with the next step. Between
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
        while (await NextStepAsync() is { } planned)
        {
            var plan = run.Plan;
            var step = run.State.Containment.Begin(planned);
            var request = new ContainmentRequest(run.Input.IncidentId, step, planned.Action, plan.OrgId, plan.AiSystemId, run.Input.FirstSignal.PayloadRef,
                run.Input.FirstSignal.OccurredAt, run.Context.CurrentUtcDateTime, run.Input.FirstSignal.Exercise);
            ContainmentSummary? result = null;
            Task? succeeded = null;
            var gate = await new ContainmentGate(run).DecideAsync(plan, planned, step);
            if (gate.Verdict == StepGateVerdict.Ask)
            {
                var (decision, detail) = await approvals.DecideAsync(plan, planned.Action, gate.DefaultAfterLastTier);
                if (decision == ApprovalResult.Withdrawn)
                {
                    // The incident was closed during the wait (a false positive): the step does not run.
                    return;
                }
                if (decision is ApprovalResult.Rejected or ApprovalResult.Held)
                {
                    result = new ContainmentSummary(planned.Action,
                        decision == ApprovalResult.Rejected ? ContainmentStatus.Rejected : ContainmentStatus.Held, 0, detail);
                }
            }
            for (var attempts = 1; result is null; attempts++)
            {
                try
                {
                    var outcome = await run.Context.CallActivityAsync<ContainmentOutcome>(ContainmentActions.ActivityFor(planned.Action), request);
                    succeeded = run.Evidence(EvidenceKinds.ContainmentSucceeded, "system", $"{planned.Action}: {outcome.Detail}", new JsonObject
                    {
                        ["action"] = planned.Action,
                        ["status"] = WireNames.Of(outcome.Status),
                        ["attempts"] = attempts,
                        ["before"] = outcome.Before?.DeepClone(),
                        ["after"] = outcome.After?.DeepClone(),
                        ["undo"] = outcome.Undo?.DeepClone(),
                    });
                    result = new ContainmentSummary(planned.Action, outcome.Status, attempts, outcome.Detail);
                    run.State.Containment.RecordPerformed(new PerformedStep(request, outcome));
                }
                catch (TaskFailedException ex) when (attempts < MaxAttempts && !IsPermanent(ex))
                {
                    // Durable back-off: the wait survives a restart and costs nothing while it runs; events are handled
                    // during it, and a false positive ends it with the step not taken.
                    await run.Inbox.SleepAsync(run.Context.CurrentUtcDateTime.AddSeconds(Math.Min(30, Math.Pow(2, attempts - 1))));
                    if (run.Closed)
                    {
                        return;
                    }
                }
                catch (TaskFailedException ex) when (CausedBy<ContainmentHeldException>(ex.FailureDetails))
                {
                    var reason = ex.FailureDetails.ErrorMessage;
                    result = new ContainmentSummary(planned.Action, ContainmentStatus.Held, attempts, reason);
                    await run.Evidence(EvidenceKinds.ContainmentHeld, "system", $"{planned.Action} held: {reason}",
                        new JsonObject { ["action"] = planned.Action, ["attempts"] = attempts, ["reason"] = reason });
                    await run.Notify("containment-held", run.Plan.Route.Owners.Concat(run.Plan.Route.Dpo).ToList(),
                        $"Decision needed: {planned.Action} held for safety ({run.Input.IncidentId})",
                        new Dictionary<string, string> { ["Action"] = planned.Action, ["Why"] = reason });
                }
                catch (TaskFailedException ex)
                {
                    var reason = ex.FailureDetails.ErrorMessage;
                    result = new ContainmentSummary(planned.Action, ContainmentStatus.Failed, attempts, reason);
                    await run.Evidence(EvidenceKinds.ContainmentFailed, "system", $"{planned.Action} failed after {attempts} attempt(s): {reason}", new JsonObject
                    {
                        ["action"] = planned.Action,
                        ["attempts"] = attempts,
                        ["permanent"] = IsPermanent(ex),
                        ["error"] = reason,
                    });
                    await run.Notify("containment-failed", run.Plan.Route.Owners.Concat(run.Plan.Route.Dpo).ToList(),
                        $"Action needed: {planned.Action} failed ({run.Input.IncidentId})",
                        new Dictionary<string, string> { ["Action"] = planned.Action, ["Attempts"] = attempts.ToString(CultureInfo.InvariantCulture), ["Error"] = reason });
                }
            }
            run.State.Containment.Record(result with { Gate = gate.Summary });
            if (succeeded is null)
            {
                await run.Publish();
            }
            else
            {
                records.Add(run.PublishAfter(succeeded));
            }
        }
    }

    /// <summary>
    /// Handles the events that came in first: a false positive stops containment here (no next step), and a rise in
    /// severity adds the steps taken next.
    /// </summary>
    private async Task<PlannedStep?> NextStepAsync()
    {
        await run.Inbox.DrainAsync();
        return run.Closed ? null : run.State.Containment.NextStep();
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

    /// <summary>Records where containment stands once no step is left: contained, or incomplete with a person to act.</summary>
    public async Task RecordEndAsync(string doneSummary)
    {
        var failed = run.State.Containment.Incomplete;
        if (!failed)
        {
            run.State.Contained(run.Now, Math.Round((run.Context.CurrentUtcDateTime - run.Input.OpenedAt.UtcDateTime).TotalSeconds, 1));
        }
        await run.Evidence(failed ? EvidenceKinds.IncidentContainmentIncomplete : EvidenceKinds.IncidentContained, "system",
            failed ? "Containment incomplete: a person must act on the failed steps" : doneSummary);
        await run.Publish();
        // Sealed at once, not at the first checkpoint hours later: until an anchor covers them, the containment records
        // could be rewritten by anyone with Table write access without a trace.
        await run.Anchor("containment done");
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
