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
    /// Regime ID (or <c>default</c>) -> checkpoint name (<c>24h</c>, <c>warning</c>, <c>deadline</c>) -> the
    /// <see cref="LadderAction"/> wire name (<c>remind-owner</c>, ...), as the playbook schema allows them.
    /// Names a ladder does not mention get <see cref="DefaultAction"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Ladder { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The action at checkpoint <paramref name="name"/> of <paramref name="regime"/>; <paramref name="ordinal"/> is its place among the hour checkpoints (0-based).</summary>
    public LadderAction ActionFor(string regime, string name, int ordinal)
    {
        if (Ladder.TryGetValue(regime, out var own) && own.TryGetValue(name, out var action))
        {
            return WireNames.Parse<LadderAction>(action);
        }
        if (Ladder.TryGetValue("default", out var fallback) && fallback.TryGetValue(name, out var general))
        {
            return WireNames.Parse<LadderAction>(general);
        }
        return DefaultAction(name, ordinal);
    }

    /// <summary>
    /// The ladder without playbook settings: the first hour checkpoint reminds, later ones escalate a tier, the
    /// warning drafts the notice, and the deadline escalates to executives if the notice is still not submitted.
    /// </summary>
    public static LadderAction DefaultAction(string name, int ordinal) => KindOf(name) switch
    {
        CheckpointKind.Warning => LadderAction.DraftNotice,
        CheckpointKind.Deadline => LadderAction.EscalateExecutive,
        _ => ordinal == 0 ? LadderAction.RemindOwner : LadderAction.EscalateTier,
    };

    /// <summary>The kind of the checkpoint named <paramref name="name"/>: <c>warning</c>, <c>deadline</c>, or an hour offset.</summary>
    public static CheckpointKind KindOf(string name) =>
        name == WireNames.Of(CheckpointKind.Warning) ? CheckpointKind.Warning
        : name == WireNames.Of(CheckpointKind.Deadline) ? CheckpointKind.Deadline
        : CheckpointKind.Hour;
}
