using System.Globalization;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Turns an assessment, the regimes' default checkpoints and the playbook's clock policy into the checkpoints an orchestrator waits for with durable
/// timers. Pure and deterministic (no clock, no I/O), so it is safe to call inside an orchestrator during replay.
/// </summary>
public static class ClockPlanner
{
    /// <summary>
    /// Every checkpoint of every obligation that has a deadline, ordered by due time: the regime's hour checkpoints (the
    /// playbook's when it names the regime, else the <paramref name="catalog"/>'s) that fall before the deadline, the
    /// warning <see cref="ClockPolicy.WarningBeforeDeadlineHours"/> before it, and the deadline itself. Checkpoints at the
    /// same instant for one obligation collapse into one.
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
            var warning = deadline.AddHours(-policy.WarningBeforeDeadlineHours);
            if (policy.WarningBeforeDeadlineHours > 0 && warning > obligation.ClockStart && due.All(c => c.DueAt != warning))
            {
                due.Add(Checkpoint(obligation, "warning", warning, policy.ActionFor(obligation.Regime, "warning", ordinal)));
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

    /// <summary>The checkpoint name for an hour offset: <c>24h</c>, <c>0.5h</c>.</summary>
    public static string HourName(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture) + "h";

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
