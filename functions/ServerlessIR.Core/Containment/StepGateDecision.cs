using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Containment;

/// <summary>The gate's answer for one step: run or ask, why (a code and a line), and what silence from the last tier means.</summary>
/// <param name="Verdict">Run on its own, or ask the approval ladder.</param>
/// <param name="Reason">The rule that decided.</param>
/// <param name="Detail">One line a person reads in evidence, the record and the mail.</param>
/// <param name="DefaultAfterLastTier">When asking: hold or proceed on silence; null takes the playbook's per-severity default.</param>
public sealed record StepGateDecision(StepGateVerdict Verdict, StepGateReason Reason, string Detail, LastTierDefault? DefaultAfterLastTier = null)
{
    /// <summary>The line the incident record shows for the step, e.g. <c>ask (untrusted-source): ...</c>.</summary>
    public string Summary => $"{WireNames.Of(Verdict)} ({WireNames.Of(Reason)}): {Detail}";
}
