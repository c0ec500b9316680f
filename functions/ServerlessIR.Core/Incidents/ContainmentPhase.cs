using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The containment steps of an incident in playbook order: each step's activity is retried with durable back-off on
/// transient failures; a permanent failure is surfaced to a person and the incident goes on with the next step.
/// </summary>
internal sealed class ContainmentPhase(IncidentRun run, ApprovalLadder approvals)
{
    /// <summary>Containment attempts before a step is surfaced to a person as failed.</summary>
    public const int MaxAttempts = 5;

    public async Task RunAsync(IncidentPlan plan)
    {
        for (var step = 0; step < plan.Containment.Count; step++)
        {
            var planned = plan.Containment[step];
            var request = new ContainmentRequest(run.Input.IncidentId, step + 1, planned.Action, plan.OrgId, plan.AiSystemId, run.Input.FirstSignal.PayloadRef,
                run.Input.FirstSignal.OccurredAt, run.Context.CurrentUtcDateTime);
            ContainmentSummary? result = null;
            var gate = await new ContainmentGate(run).DecideAsync(plan, planned, step + 1);
            if (gate.Verdict == StepGateVerdict.Ask)
            {
                var (decision, detail) = await approvals.DecideAsync(plan, planned.Action, gate.DefaultAfterLastTier);
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
                    await run.Evidence(EvidenceKinds.ContainmentSucceeded, "system", $"{planned.Action}: {outcome.Detail}", new JsonObject
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
                    // Durable back-off: the wait survives a restart and costs nothing while it runs.
                    await run.Context.CreateTimer(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempts - 1))), CancellationToken.None);
                }
                catch (TaskFailedException ex) when (CausedBy<ContainmentHeldException>(ex.FailureDetails))
                {
                    var reason = ex.FailureDetails.ErrorMessage;
                    result = new ContainmentSummary(planned.Action, ContainmentStatus.Held, attempts, reason);
                    await run.Evidence(EvidenceKinds.ContainmentHeld, "system", $"{planned.Action} held: {reason}",
                        new JsonObject { ["action"] = planned.Action, ["attempts"] = attempts, ["reason"] = reason });
                    await run.Notify("containment-held", plan.Route.Owners.Concat(plan.Route.Dpo).ToList(),
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
                    await run.Notify("containment-failed", plan.Route.Owners.Concat(plan.Route.Dpo).ToList(),
                        $"Action needed: {planned.Action} failed ({run.Input.IncidentId})",
                        new Dictionary<string, string> { ["Action"] = planned.Action, ["Attempts"] = attempts.ToString(CultureInfo.InvariantCulture), ["Error"] = reason });
                }
            }
            run.State.Containment.Record(result with { Gate = gate.Summary });
            await run.Publish();
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
