namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// The playbook's say on when the orchestrator wakes for each regime: checkpoints in hours after the clock start for the
/// regimes it wants woken at other hours than the regime catalog's defaults, a warning before each deadline, and the
/// ladder saying what happens at each checkpoint (docs/regimes.md, "Checkpoints and ladder").
/// </summary>
public sealed record ClockPolicy
{
    /// <summary>Regime ID -> hours; a regime listed here replaces its catalog checkpoints (<c>RegimeEntry.Checkpoints</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Checkpoints { get; init; } =
        new Dictionary<string, IReadOnlyList<double>>();

    public double WarningBeforeDeadlineHours { get; init; } = 12;

    /// <summary>
    /// Regime ID (or <c>default</c>) -> checkpoint name (<c>24h</c>, <c>warning</c>, <c>deadline</c>) -> action
    /// (<c>remind-owner</c>, <c>escalate-tier</c>, <c>draft-notice</c>, <c>escalate-executive</c>).
    /// Names a ladder does not mention get <see cref="LadderActions.DefaultFor"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Ladder { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The action at checkpoint <paramref name="name"/> of <paramref name="regime"/>; <paramref name="ordinal"/> is its place among the hour checkpoints (0-based).</summary>
    public string ActionFor(string regime, string name, int ordinal)
    {
        if (Ladder.TryGetValue(regime, out var own) && own.TryGetValue(name, out var action))
        {
            return action;
        }
        if (Ladder.TryGetValue("default", out var fallback) && fallback.TryGetValue(name, out var general))
        {
            return general;
        }
        return LadderActions.DefaultFor(name, ordinal);
    }
}
