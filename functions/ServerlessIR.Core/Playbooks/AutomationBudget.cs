namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// How often a step may run without a person, per AI system and action: at most <see cref="PerIncident"/> times in one
/// incident and <see cref="PerDay"/> times in any 24 hours across incidents. Past either, the step waits for approval.
/// </summary>
public sealed record AutomationBudget
{
    public int PerIncident { get; init; } = 1;
    public int PerDay { get; init; } = 10;
}
