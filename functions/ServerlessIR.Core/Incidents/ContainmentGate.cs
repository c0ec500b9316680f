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
    public async Task<StepGateDecision> DecideAsync(IncidentPlan plan, PlannedStep planned, int step)
    {
        var least = run.Signals.FirstOrDefault(s => s.Trust != SourceTrust.Trusted);
        var trust = least is null ? SourceTrust.Trusted : SourceTrust.Untrusted;
        run.State.TrustIs(trust);
        var input = new StepGateInput(run.Input.IncidentId, step, planned.Action, plan.AiSystemId, planned.Approval == "required",
            planned.Irreversible, planned.CustomerFacing, planned.DefaultAfterLastTier, planned.Budget, trust,
            (least ?? run.Input.FirstSignal).TrustReason, new DateTimeOffset(run.Context.CurrentUtcDateTime, TimeSpan.Zero));
        StepGateDecision decision;
        try
        {
            decision = await run.Context.CallActivityAsync<StepGateDecision>(nameof(DecideStepGateActivity), input, IncidentRun.ActivityRetry);
        }
        catch (TaskFailedException ex)
        {
            decision = new StepGateDecision(StepGateVerdict.Ask, StepGateReason.GateUnavailable,
                $"the step gate could not decide ({ex.FailureDetails.ErrorType}): a person decides", LastTierDefault.Hold);
        }
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
        return decision;
    }
}
