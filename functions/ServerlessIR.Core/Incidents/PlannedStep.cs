using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>One containment step the playbook asks for at this severity, with what the step gate needs to know about it.</summary>
public sealed record PlannedStep(string Action, string Approval)
{
    public bool Irreversible { get; init; }
    public bool CustomerFacing { get; init; }
    public LastTierDefault? DefaultAfterLastTier { get; init; }
    public AutomationBudget Budget { get; init; } = new();

    /// <summary>
    /// The actions this step waits for (the playbook's <c>after</c>, or every step listed before it). One not planned at
    /// the incident's severity does not hold it back.
    /// </summary>
    public IReadOnlyList<string> After { get; init; } = [];
}
