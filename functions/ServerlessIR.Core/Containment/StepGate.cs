using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// Decides, just before a containment step runs, whether it runs on its own or waits for a person, and why. The rules, in
/// order: the kill switch (app setting or playbook) asks for every step; an incident with an untrusted signal asks for
/// irreversible and customer-facing steps; the playbook's <c>approval: required</c> asks; and a step that would run on its
/// own takes a slot of its automation budget, or asks when none is left.
/// </summary>
/// <remarks>
/// A step asked for by the kill switch, an untrusted source or a spent budget holds when nobody answers: the reason to ask
/// was that automation must not act alone, so silence cannot let it. A step that only the playbook puts behind approval keeps
/// its own <c>defaultAfterLastTier</c>, holding when it is irreversible and names none. Only a step that runs automatically
/// spends budget: what a person approved is not automation.
/// </remarks>
public sealed class StepGate(IContainmentBudget budget, IContainmentKillSwitch killSwitch, IPlaybookProvider playbooks)
{
    public async Task<StepGateDecision> DecideAsync(StepGateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var engagedBy = killSwitch.EngagedBy ?? (playbooks.Current.Containment.KillSwitch ? "the playbook (containment.killSwitch)" : null);
        if (engagedBy is not null)
        {
            return new StepGateDecision(StepGateVerdict.Ask, StepGateReason.KillSwitch,
                $"the kill switch is on ({engagedBy}): every automated step waits for a person", LastTierDefault.Hold);
        }
        if (input.Trust != SourceTrust.Trusted && (input.Irreversible || input.CustomerFacing))
        {
            var harm = input.Irreversible && input.CustomerFacing ? "irreversible and customer-facing"
                : input.Irreversible ? "irreversible" : "customer-facing";
            return new StepGateDecision(StepGateVerdict.Ask, StepGateReason.UntrustedSource,
                $"{input.Action} is {harm} and the incident has an untrusted signal ({input.TrustReason ?? "no trust recorded"})", LastTierDefault.Hold);
        }
        if (input.ApprovalRequired)
        {
            return new StepGateDecision(StepGateVerdict.Ask, StepGateReason.ApprovalRequired, $"the playbook puts {input.Action} behind approval",
                input.DefaultAfterLastTier ?? (input.Irreversible ? LastTierDefault.Hold : null));
        }
        var reservation = await budget.ReserveAsync(new BudgetRequest(input.AiSystemId, input.Action, input.IncidentId, input.Step, input.At,
            input.Budget.PerIncident, input.Budget.PerDay), cancellationToken);
        var line = reservation.Describe(input.Action, input.AiSystemId);
        return reservation.Granted
            ? new StepGateDecision(StepGateVerdict.Run, StepGateReason.Automatic, line)
            : new StepGateDecision(StepGateVerdict.Ask, StepGateReason.OverBudget, line, LastTierDefault.Hold);
    }
}
