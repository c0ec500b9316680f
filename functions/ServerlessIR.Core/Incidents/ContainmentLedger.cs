using ServerlessIR.Core.Containment;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The containment steps of one incident: the steps planned (growing when the severity rises), the steps begun, each
/// step's result, and the steps that took effect, in order, so a false positive can undo them last first. Plain state
/// with no Durable Task dependency.
/// </summary>
public sealed class ContainmentLedger
{
    private readonly List<ContainmentSummary> results = [];
    private readonly List<PerformedStep> performed = [];
    private List<PlannedStep> planned = [];
    private readonly HashSet<string> begun = new(StringComparer.Ordinal);

    public IReadOnlyList<ContainmentSummary> Results => results;

    /// <summary>Every step planned so far, in the order they run.</summary>
    public IReadOnlyList<PlannedStep> Planned => planned;

    /// <summary>The planned steps that have no result (not begun, or stopped before they ended), in plan order.</summary>
    public IReadOnlyList<string> NotRun =>
        [.. planned.Select(p => p.Action).Where(a => !results.Any(r => r.Action == a))];

    /// <summary>What the ledger keeps beside its results, for the next generation of a continue-as-new.</summary>
    public ContainmentLedgerState Snapshot() => new([.. planned], [.. begun], [.. performed]);

    /// <summary>Takes up where a previous generation left the ledger: its results as they stood and its <see cref="Snapshot"/>.</summary>
    public void Restore(IReadOnlyList<ContainmentSummary> results, ContainmentLedgerState state)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(state);
        this.results.Clear();
        this.results.AddRange(results);
        planned = [.. state.Planned];
        begun.Clear();
        begun.UnionWith(state.Begun);
        performed.Clear();
        performed.AddRange(state.Performed);
    }

    /// <summary>
    /// Takes a plan's steps (the first plan, or a re-assessment's) and returns the ones not planned before. The order is
    /// the new plan's (the playbook's), so a step added by a rise in severity runs where the playbook puts it among the
    /// steps not begun yet. A plan only grows: a step planned earlier stays planned when the severity falls, because a
    /// drop in severity is no reason to leave a leak half contained.
    /// </summary>
    public IReadOnlyList<PlannedStep> Plan(IReadOnlyList<PlannedStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var added = steps.Where(s => !planned.Any(p => p.Action == s.Action)).ToList();
        planned = [.. steps, .. planned.Where(p => !steps.Any(s => s.Action == p.Action))];
        return added;
    }

    /// <summary>The first planned step not begun yet, or null when every planned step has been begun.</summary>
    public PlannedStep? NextStep() => planned.FirstOrDefault(s => !begun.Contains(s.Action));

    /// <summary>
    /// The planned steps not begun yet whose predecessors (<see cref="PlannedStep.After"/>) have all ended, in plan order:
    /// they may run together. A predecessor that is not planned does not hold a step back; one begun but without a result
    /// (running, or waiting for a person) does.
    /// </summary>
    public IReadOnlyList<PlannedStep> ReadySteps() =>
        [.. planned.Where(s => !begun.Contains(s.Action)
            && s.After.All(a => !planned.Any(p => p.Action == a) || results.Any(r => r.Action == a)))];

    /// <summary>Marks <paramref name="step"/> begun, so it never runs twice.</summary>
    /// <returns>The step's number: 1 for the first step begun, counting on across re-plans (it keys the step's side effects).</returns>
    public int Begin(PlannedStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        begun.Add(step.Action);
        return begun.Count;
    }

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
