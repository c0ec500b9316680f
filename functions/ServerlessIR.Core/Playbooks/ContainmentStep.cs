namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// One containment step: a dotted action ID, the lowest severity it runs at, whether it waits for approval, and what kind of
/// harm a wrong run does: <see cref="Irreversible"/> (cannot be undone) or <see cref="CustomerFacing"/> (customers notice).
/// Such steps run without a person only for trusted sources (<see cref="ServerlessIR.Core.Containment.StepGate"/>).
/// </summary>
public sealed record ContainmentStep
{
    public required string Action { get; init; }
    public string MinSeverity { get; init; } = "SEV4";
    public string Approval { get; init; } = "none";
    public bool Irreversible { get; init; }
    public bool CustomerFacing { get; init; }

    /// <summary>What silence from the last approval tier means for this step; null: hold when irreversible, else the
    /// playbook's per-severity <c>approvals.defaultAfterLastTier</c>.</summary>
    public LastTierDefault? DefaultAfterLastTier { get; init; }

    /// <summary>This step's own automation budget; null takes <c>containment.budget</c>.</summary>
    public AutomationBudget? Budget { get; init; }

    /// <summary>
    /// The actions this step waits for (each listed earlier in the playbook); steps that wait for none of each other run
    /// in parallel. Null (not given): after every step listed before it, the sequential order that keeps preserve-first.
    /// An empty list: it waits for nothing.
    /// </summary>
    public IReadOnlyList<string>? After { get; init; }
}
