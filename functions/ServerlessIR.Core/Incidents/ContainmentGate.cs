using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The orchestrator's side of <see cref="StepGate"/>: asks <see cref="DecideStepGateActivity"/> about one step with the
/// incident's lowest trust, records why a step waits for a person, and tells the owners when a budget is spent.
/// </summary>
/// <remarks>
/// Deterministic: the kill switch and the budget are read by the activity; the time handed to it is the orchestrator's. A
/// gate that cannot decide (its activity failed after retries) asks a person rather than let the step run unchecked.
/// </remarks>
internal sealed class ContainmentGate(IncidentRun run)
{
    /// <summary>
    /// Decides every step of a wave: from revision 3 in one <see cref="DecideStepGatesActivity"/>, before it one
    /// <see cref="DecideStepGateActivity"/> per step, all at once. The decisions are in the order of <paramref name="steps"/>.
    /// </summary>
    public async Task<StepGateDecision[]> DecideWaveAsync(IncidentPlan plan, IReadOnlyList<(PlannedStep Planned, int Step)> steps)
    {
        if (!run.Input.GatesWaveTogether)
        {
            return await Task.WhenAll(steps.Select(s => DecideAsync(plan, s.Planned, s.Step)));
        }
        var trust = Trust(out var reason);
        var inputs = steps.Select(s => Input(plan, s.Planned, s.Step, trust, reason)).ToList();
        StepGateDecision[] decisions;
        try
        {
            decisions = [.. await run.Context.CallActivityAsync<IReadOnlyList<StepGateDecision>>(nameof(DecideStepGatesActivity), inputs, IncidentRun.ActivityRetry)];
        }
        catch (TaskFailedException ex)
        {
            decisions = [.. steps.Select(_ => Unavailable(ex))];
        }
        for (var i = 0; i < steps.Count; i++)
        {
            await RecordAsync(plan, steps[i].Planned, steps[i].Step, trust, decisions[i]);
        }
        return decisions;
    }

    private async Task<StepGateDecision> DecideAsync(IncidentPlan plan, PlannedStep planned, int step)
    {
        var trust = Trust(out var reason);
        StepGateDecision decision;
        try
        {
            decision = await run.Context.CallActivityAsync<StepGateDecision>(nameof(DecideStepGateActivity), Input(plan, planned, step, trust, reason), IncidentRun.ActivityRetry);
        }
        catch (TaskFailedException ex)
        {
            decision = Unavailable(ex);
        }
        await RecordAsync(plan, planned, step, trust, decision);
        return decision;
    }

    /// <summary>The incident's lowest trust: untrusted as soon as one signal is, with that signal's reason.</summary>
    private SourceTrust Trust(out string? reason)
    {
        var least = run.Signals.FirstOrDefault(s => s.Trust != SourceTrust.Trusted);
        var trust = least is null ? SourceTrust.Trusted : SourceTrust.Untrusted;
        run.State.TrustIs(trust);
        reason = (least ?? run.Input.FirstSignal).TrustReason;
        return trust;
    }

    private StepGateInput Input(IncidentPlan plan, PlannedStep planned, int step, SourceTrust trust, string? reason) =>
        new(run.Input.IncidentId, step, planned.Action, plan.AiSystemId, planned.Approval == "required",
            planned.Irreversible, planned.CustomerFacing, planned.DefaultAfterLastTier, planned.Budget, trust,
            reason, new DateTimeOffset(run.Context.CurrentUtcDateTime, TimeSpan.Zero));

    private static StepGateDecision Unavailable(TaskFailedException ex) =>
        new(StepGateVerdict.Ask, StepGateReason.GateUnavailable,
            $"the step gate could not decide ({ex.FailureDetails.ErrorType}): a person decides", LastTierDefault.Hold);

    /// <summary>Records why a step waits for a person (unless the playbook alone says so), and tells the owners of a spent budget.</summary>
    private async Task RecordAsync(IncidentPlan plan, PlannedStep planned, int step, SourceTrust trust, StepGateDecision decision)
    {
        // A step the playbook alone puts behind approval is recorded by the ladder's own request; the rest say why here.
        if (decision.Verdict == StepGateVerdict.Ask && decision.Reason != StepGateReason.ApprovalRequired)
        {
            await run.Evidence(EvidenceKinds.ContainmentGated, "system", $"{planned.Action} waits for approval: {decision.Detail}", new JsonObject
            {
                ["action"] = planned.Action,
                ["step"] = step,
                ["reason"] = WireNames.Of(decision.Reason),
                ["detail"] = decision.Detail,
                ["trust"] = WireNames.Of(trust),
                ["defaultAfterLastTier"] = decision.DefaultAfterLastTier is { } silence ? WireNames.Of(silence) : null,
            });
        }
        if (decision.Reason == StepGateReason.OverBudget)
        {
            var to = plan.Route.Owners.Count > 0 ? plan.Route.Owners : plan.Route.Dpo;
            await run.Notify("containment-over-budget", to,
                $"Approval needed: {planned.Action} is over its automation budget ({run.Input.IncidentId})",
                new Dictionary<string, string> { ["Action"] = planned.Action, ["AI system"] = plan.AiSystemName ?? "unknown", ["Why"] = decision.Detail });
        }
    }
}
