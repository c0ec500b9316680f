using ServerlessIR.Core.Containment;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The containment steps of one incident: each step's result, and the steps that took effect, in order, so a false
/// positive can undo them last first. Plain state with no Durable Task dependency.
/// </summary>
public sealed class ContainmentLedger
{
    private readonly List<ContainmentSummary> results = [];
    private readonly List<PerformedStep> performed = [];

    public IReadOnlyList<ContainmentSummary> Results => results;

    /// <summary>Steps that took effect, in the order they ran.</summary>
    public IReadOnlyList<PerformedStep> Performed => performed;

    /// <summary>A step failed or is held: a person must act, and the incident is not contained.</summary>
    public bool Incomplete => results.Any(c => c.Status is ContainmentStatus.Failed or ContainmentStatus.Held);

    /// <summary>The measures taken so far, one line each (<c>action: detail</c>), for a notice.</summary>
    public IReadOnlyList<string> MeasuresTaken => [.. results.Where(c => c.Done).Select(c => $"{c.Action}: {c.Detail}")];

    public void Record(ContainmentSummary result) => results.Add(result);

    /// <summary>Keeps a step that took effect, with what its compensation needs.</summary>
    public void RecordPerformed(PerformedStep step) => performed.Add(step);

    /// <summary>
    /// Marks what a false positive did to each step: <paramref name="undone"/> in the order the compensations ran (last
    /// step first); a step takes the first entry for its action.
    /// </summary>
    public void RecordUndo(IReadOnlyList<(string Action, UndoStatus Status)> undone)
    {
        ArgumentNullException.ThrowIfNull(undone);
        for (var i = 0; i < results.Count; i++)
        {
            var action = results[i].Action;
            var match = undone.Where(u => u.Action == action).Select(u => (UndoStatus?)u.Status).FirstOrDefault();
            if (match is { } status)
            {
                results[i] = results[i] with { Undo = status };
            }
        }
    }
}
