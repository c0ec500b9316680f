using System.Globalization;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// Judges a drill's report against its scenario's <see cref="ScenarioCriteria"/>: each criterion set is measured on the
/// report's own fields (the values report.json shows), so what passes is what a reader of the report can check.
/// </summary>
public static class CriteriaEvaluator
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static IReadOnlyList<CriterionResult> Evaluate(ScenarioCriteria criteria, DrillReport report)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(report);
        var summaries = report.Incidents.Select(i => i.Summary).ToList();
        var results = new List<CriterionResult>();
        if (criteria.Incidents is { } incidents)
        {
            results.Add(new("incidents", $"exactly {incidents}", summaries.Count.ToString(C), summaries.Count == incidents));
        }
        if (criteria.Status is { } status)
        {
            var seen = Distinct(summaries.Select(s => s.Status.ToString()));
            results.Add(new("status", status, seen, summaries.Count > 0 && summaries.All(s => string.Equals(s.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))));
        }
        if (criteria.Severity is { } severity)
        {
            var seen = Distinct(summaries.Select(s => s.Severity?.Level ?? "none"));
            results.Add(new("severity", severity, seen, summaries.Count > 0 && summaries.All(s => string.Equals(s.Severity?.Level, severity, StringComparison.OrdinalIgnoreCase))));
        }
        if (criteria.EvidenceVerified is { } verified)
        {
            var good = report.Incidents.Count(i => i.Verified);
            results.Add(new("evidenceVerified", verified ? "every chain verifies" : "a chain fails",
                $"{good}/{report.Incidents.Count} verified", (report.Incidents.Count > 0 && good == report.Incidents.Count) == verified));
        }
        if (criteria.NoDeadlineMissed is { } noneMissed)
        {
            var late = summaries.SelectMany(s => s.Obligations).Where(o => o.Status == ObligationStatus.Late).Select(o => o.Regime).ToList();
            results.Add(new("noDeadlineMissed", noneMissed ? "0 missed" : "at least 1 missed",
                late.Count == 0 ? "0 missed" : $"{late.Count} missed ({string.Join(", ", late.Distinct())})", (late.Count == 0) == noneMissed));
        }
        if (criteria.ContainedWithinIncidentMinutes is { } minutes)
        {
            var worst = Worst(summaries, s => s.ContainedAt is { } at ? (at - s.OpenedAt).TotalMinutes : null);
            results.Add(Within("containedWithinIncidentMinutes", minutes, "incident min", worst, "not contained"));
        }
        if (criteria.ContainedWithinRealSeconds is { } seconds)
        {
            var worst = Worst(summaries, s => s.TimeToContainRealSeconds);
            results.Add(Within("containedWithinRealSeconds", seconds, "s", worst, "not contained"));
        }
        if (criteria.FirstApprovalWithinIncidentMinutes is { } approvalMinutes)
        {
            var worst = Worst(summaries, s => s.Approvals.FirstOrDefault(PersonDecided)?.LatencySeconds / 60);
            results.Add(Within("firstApprovalWithinIncidentMinutes", approvalMinutes, "incident min", worst, "no person decided"));
        }
        if (criteria.FallbackHealthy is { } healthy)
        {
            results.Add(Fallback(healthy, summaries, report.CheckoutTraffic));
        }
        if (criteria.AllAlertsCounted is { } counted)
        {
            var tally = report.Alerts ?? DrillAlertTally.None;
            var accepted = tally.Opened + tally.Joined;
            var signals = summaries.Sum(s => s.Signals);
            var all = accepted > 0 && signals == accepted && tally.Rejected == 0;
            results.Add(new("allAlertsCounted", counted ? "every accepted alert counted, none rejected" : "some alert not counted",
                $"{signals} counted of {accepted} accepted ({tally.Sent} sent, {tally.Duplicates} duplicate, {tally.Rejected} rejected)", all == counted));
        }
        if (criteria.ObligationsOnHold is { } held)
        {
            var onHold = summaries.SelectMany(s => s.Obligations).Where(o => o.Status == ObligationStatus.OnHold).Select(o => o.Regime).ToList();
            results.Add(new("obligationsOnHold", $"at least {held}",
                onHold.Count == 0 ? "0" : $"{onHold.Count} ({string.Join(", ", onHold.Distinct())})", onHold.Count >= held));
        }
        if (criteria.ApprovalDefault is { } byDefault)
        {
            var expected = string.Equals(byDefault, "proceed", StringComparison.OrdinalIgnoreCase) ? ApprovalResult.ProceededByDefault : ApprovalResult.Held;
            var defaults = summaries.SelectMany(s => s.Approvals).Where(a => a.Decision is ApprovalResult.ProceededByDefault or ApprovalResult.Held && a.By == "playbook default").ToList();
            results.Add(new("approvalDefault", byDefault,
                defaults.Count == 0 ? "no default applied" : string.Join(", ", defaults.Select(a => $"{a.Action} {a.Decision}")),
                defaults.Count > 0 && defaults.All(a => a.Decision == expected)));
        }
        if (criteria.RegimesInclude is { } regimes)
        {
            var present = summaries.SelectMany(s => s.Obligations).Select(o => o.Regime).ToHashSet(StringComparer.Ordinal);
            var missing = regimes.Where(r => !present.Contains(r)).ToList();
            results.Add(new("regimesInclude", string.Join(", ", regimes),
                missing.Count == 0 ? "all present" : "missing " + string.Join(", ", missing), missing.Count == 0));
        }
        if (criteria.ContainmentUndone is { } undone)
        {
            var steps = summaries.SelectMany(s => s.Containment).Where(c => c.Undo is not null).ToList();
            var done = steps.Count(c => c.Undo == UndoStatus.Undone);
            var failed = steps.Count(c => c.Undo == UndoStatus.UndoFailed);
            var all = done > 0 && failed == 0;
            results.Add(new("containmentUndone", undone ? "reversible steps undone, none failed" : "not undone",
                $"{done} undone, {steps.Count(c => c.Undo == UndoStatus.NotUndone)} not reversible, {failed} failed", all == undone));
        }
        return results;
    }

    private static bool PersonDecided(ApprovalSummary approval) =>
        approval.Decision is ApprovalResult.Approved or ApprovalResult.Rejected && approval.LatencySeconds is not null;

    private static CriterionResult Fallback(bool expected, IReadOnlyList<IncidentSummary> summaries, CheckoutTrafficResult? traffic)
    {
        var steps = summaries.SelectMany(s => s.Containment).Where(c => c.Action == "ai-feature.fallback").ToList();
        var switched = steps.Count(c => c.Done);
        var measured = $"{switched}/{steps.Count} fallback step(s) done";
        var healthy = steps.Count > 0 && switched == steps.Count;
        if (traffic is not null)
        {
            measured += $"; checkout {traffic.Requests} request(s): {traffic.ServedByModel} by the model, {traffic.ServedByFallback} by the fallback, {traffic.Failed} failed"
                + (traffic.FirstFailure is null ? "" : $" (first: {traffic.FirstFailure})");
            healthy = healthy && traffic.Failed == 0 && traffic.ServedByFallback > 0;
        }
        return new("fallbackHealthy", expected ? "fallback on and serving" : "fallback not healthy", measured, healthy == expected);
    }

    // The worst incident decides; an incident without a value (never contained, nobody decided) fails the criterion.
    private static double? Worst(IReadOnlyList<IncidentSummary> summaries, Func<IncidentSummary, double?> measure)
    {
        var values = summaries.Select(measure).ToList();
        return values.Count == 0 || values.Any(v => v is null) ? null : values.Max();
    }

    private static CriterionResult Within(string name, double limit, string unit, double? worst, string missing) =>
        new(name, $"<= {limit.ToString("0.#", C)} {unit}", worst is { } w ? $"{w.ToString("0.#", C)} {unit}" : missing, worst <= limit);

    private static string Distinct(IEnumerable<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "no incident" : string.Join(", ", list);
    }
}
