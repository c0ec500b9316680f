using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Approvals;

/// <summary>One step waiting for a person's approval: its action, and what silence from the last tier means for it.</summary>
/// <param name="Action">The step's action; its decisions come under its own event name (<see cref="ApprovalDecision.EventNameFor"/>).</param>
/// <param name="StepDefault">The step's own default after the last tier; null takes the severity's default.</param>
internal sealed record ApprovalAsk(string Action, LastTierDefault? StepDefault = null);
