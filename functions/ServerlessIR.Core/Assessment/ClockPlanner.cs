using System.Globalization;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Turns an assessment, the regimes' default checkpoints and the playbook's clock policy into the checkpoints an orchestrator waits for with durable
/// timers. Pure and deterministic (no clock, no I/O), so it is safe to call inside an orchestrator during replay.
/// </summary>
public static class ClockPlanner
{
    /// <summary>The shortest warning lead a short clock is scaled down to (or the whole period, when that is shorter).</summary>
    public static readonly TimeSpan MinimumWarningLead = TimeSpan.FromHours(1);

    /// <summary>
    /// Every checkpoint of every obligation that has a deadline, ordered by due time: the regime's hour checkpoints (the
    /// playbook's when it names the regime, else the <paramref name="catalog"/>'s) that fall before the deadline, the
    /// warning (<see cref="WarningLead"/> before it), and the deadline itself. A warning on the same instant as an hour
    /// checkpoint takes that checkpoint's place unless the playbook's ladder names the hour checkpoint itself, so a short
    /// clock never loses its drafting step.
    /// </summary>
    /// <param name="catalog">The catalog the assessment came from; <see cref="RegimeCatalog.Default"/> when null.</param>
    public static IReadOnlyList<ClockCheckpoint> Plan(AssessmentResult assessment, ClockPolicy policy, RegimeCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(policy);
        catalog ??= RegimeCatalog.Default;
        var plan = new List<ClockCheckpoint>();
        foreach (var obligation in assessment.Obligations)
        {
            if (obligation.Deadline is not { } deadline)
            {
                continue;
            }
            var due = new List<ClockCheckpoint>();
            var hours = policy.Checkpoints.TryGetValue(obligation.Regime, out var own) ? own : catalog.Regime(obligation.Regime).Checkpoints;
            var ordinal = 0;
            foreach (var h in hours.Where(h => h > 0).Distinct().Order())
            {
                var at = DeadlineCalculator.AddHours(obligation.ClockStart, h);
                if (at >= deadline)
                {
                    // A checkpoint at or past the deadline is the deadline checkpoint.
                    break;
                }
                var name = HourName(h);
                due.Add(Checkpoint(obligation, name, at, policy.ActionFor(obligation.Regime, name, ordinal)));
                ordinal++;
            }
            var period = deadline - obligation.ClockStart;
            if (policy.WarningBeforeDeadlineHours > 0 && period > TimeSpan.Zero)
            {
                var warning = deadline - WarningLead(period, policy.WarningBeforeDeadlineHours);
                var same = due.FirstOrDefault(c => c.DueAt == warning);
                if (same is null || !NamedInLadder(policy, obligation.Regime, same.Name))
                {
                    due.RemoveAll(c => c.DueAt == warning);
                    due.Add(Checkpoint(obligation, "warning", warning, policy.ActionFor(obligation.Regime, "warning", ordinal)));
                }
            }
            due.Add(Checkpoint(obligation, "deadline", deadline, policy.ActionFor(obligation.Regime, "deadline", ordinal)));
            plan.AddRange(due);
        }
        return Order(plan);
    }

    /// <summary>
    /// Re-plans after amended facts. Checkpoints that already fired are kept as they were and never planned again;
    /// the rest follow the new assessment (moved, added, or dropped when their obligation no longer applies).
    /// </summary>
    public static IReadOnlyList<ClockCheckpoint> Merge(IReadOnlyList<ClockCheckpoint> previous, AssessmentResult reassessment, ClockPolicy policy,
        RegimeCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var fired = previous.Where(c => c.Fired).ToList();
        var firedKeys = fired.Select(c => c.Key).ToHashSet();
        var fresh = Plan(reassessment, policy, catalog).Where(c => !firedKeys.Contains(c.Key));
        return Order(fired.Concat(fresh));
    }

    /// <summary>
    /// How long before the deadline the warning fires for a clock of <paramref name="period"/>: the playbook's
    /// <paramref name="warningHours"/>, but never before half-way through the period, and never less than
    /// <see cref="MinimumWarningLead"/> (or the whole period when shorter, so the warning fires at the clock start) unless the
    /// playbook asks for less. 72 h -> 12 h before; 24 h -> 12 h; 4 h -> 2 h; 2 h -> 1 h; 30 min -> at the clock start.
    /// </summary>
    public static TimeSpan WarningLead(TimeSpan period, double warningHours)
    {
        var asked = TimeSpan.FromHours(warningHours);
        var floor = period < MinimumWarningLead ? period : MinimumWarningLead;
        var half = period / 2;
        var scaled = half > floor ? half : floor;
        return asked < scaled ? asked : scaled;
    }

    /// <summary>The checkpoint name for an hour offset: <c>24h</c>, <c>0.5h</c>.</summary>
    public static string HourName(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture) + "h";

    private static bool NamedInLadder(ClockPolicy policy, string regime, string name) =>
        (policy.Ladder.TryGetValue(regime, out var own) && own.ContainsKey(name))
        || (policy.Ladder.TryGetValue("default", out var fallback) && fallback.ContainsKey(name));

    private static ClockCheckpoint Checkpoint(Obligation obligation, string name, DateTimeOffset dueAt, LadderAction action) => new()
    {
        Regime = obligation.Regime,
        Recipient = obligation.Recipient,
        Name = name,
        DueAt = dueAt,
        Action = action,
    };

    private static List<ClockCheckpoint> Order(IEnumerable<ClockCheckpoint> checkpoints) =>
        checkpoints
            .OrderBy(c => c.DueAt)
            .ThenBy(c => c.Regime, StringComparer.Ordinal)
            .ThenBy(c => c.Recipient, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
}
