using System.Globalization;
using ServerlessIR.Core.Assessment;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// <c>ir assess --explain</c>: the assessment as text a DPO can check line by line. Per regime of the catalog, why it applies
/// or not, each obligation's rule with its source and dates in force, the counting steps (days skipped as weekend or holiday,
/// with the holiday's name and source), and the other readings where sources disagree (Regulation 1182/71 extension, EDGAR
/// cut-off, weekend relief, contested holidays).
/// </summary>
internal static class AssessmentExplainer
{
    // Regimes the assessor has not yet moved to structured decisions (AssessmentResult.Decisions) decide in sentences that
    // open with the regime's legal name; this maps those sentences to regime IDs.
    private static readonly (string Prefix, string[] Regimes)[] DecisionPrefixes =
    [
        ("UK GDPR Art. 33", ["uk-gdpr-art33"]),
        ("UK GDPR Art. 34", ["uk-gdpr-art34"]),
        ("GDPR Art. 33", ["gdpr-art33"]),
        ("GDPR Art. 34", ["gdpr-art34"]),
        ("EU AI Act", ["eu-ai-act-art73"]),
        ("NIS2", ["nis2-early-warning", "nis2-notification", "nis2-final-report"]),
        ("DORA", ["dora-initial", "dora-intermediate", "dora-final"]),
        ("LGPD", ["br-lgpd"]),
        ("PDPA", ["sg-pdpa"]),
        ("SEC", ["us-sec-8k-1.05"]),
        ("Cal. Civ. Code", ["us-ca-civ-1798.82"]),
        ("HIPAA", ["us-hipaa"]),
        ("Card brand", ["pci-card-brands"]),
    ];

    /// <summary>Writes the explanation of <paramref name="result"/> for <paramref name="facts"/> to <paramref name="output"/>.</summary>
    public static void Write(BreachFacts facts, AssessmentResult result, RegimeCatalog catalog, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("Assessment explained. Not legal advice: check each rule marked verify against its source.");
        output.WriteLine($"Facts: aware {Iso(facts.AwareAt)}; jurisdictions {(facts.Jurisdictions.Count == 0 ? "none given" : string.Join(", ", facts.Jurisdictions))}; " +
            $"{facts.SubjectCount.ToString(CultureInfo.InvariantCulture)} people; data {(facts.DataCategories.Count == 0 ? "none given" : string.Join(", ", facts.DataCategories))}");
        output.WriteLine();
        output.WriteLine($"Severity {result.Severity.Level} (ENISA {result.Severity.EnisaScore.ToString("0.##", CultureInfo.InvariantCulture)}, {result.Severity.EnisaLevel})");
        var structured = result.Decisions;
        var structuredReasons = structured.SelectMany(d => d.Reasons).ToHashSet(StringComparer.Ordinal);
        var decisions = result.Severity.Rationale.Where(line => !structuredReasons.Contains(line) && RegimesOf(line).Count > 0).ToList();
        foreach (var line in result.Severity.Rationale.Except(decisions).Where(line => !structuredReasons.Contains(line)))
        {
            output.WriteLine($"  - {line}");
        }
        foreach (var regime in catalog.Regimes)
        {
            output.WriteLine();
            var obligations = result.Obligations.Where(o => o.Regime == regime.Id).ToList();
            output.WriteLine($"== {regime.Id}: {(obligations.Count > 0 ? $"applies ({obligations.Count} obligation{(obligations.Count == 1 ? "" : "s")})" : "does not apply")}");
            var reasons = structured.Where(d => Covers(d.Regime, regime.Id))
                .SelectMany(d => d.Reasons.Select(r => $"{r} [{d.Source}]"))
                .Concat(decisions.Where(d => RegimesOf(d).Contains(regime.Id)))
                .ToList();
            if (reasons.Count == 0)
            {
                reasons.Add(obligations.Count > 0 ? "its conditions are met (see the obligation notes)" : "its trigger is not in these facts (docs/regimes.md lists when it applies)");
            }
            foreach (var reason in reasons)
            {
                output.WriteLine($"  why: {reason}");
            }
            foreach (var obligation in obligations)
            {
                WriteObligation(obligation, catalog, output);
            }
        }
    }

    private static void WriteObligation(Obligation o, RegimeCatalog catalog, TextWriter output)
    {
        output.WriteLine($"  -> {o.Recipient} ({o.RecipientKind})");
        var rule = o.RuleKey is { } key && catalog.Rules.Any(r => r.Key == key) ? catalog.Rule(key) : null;
        var inForce = rule is null ? "" : $"; in force from {Day(rule.EffectiveFrom)}" + (rule.EffectiveUntil is { } until ? $" until {Day(until)}" : "");
        output.WriteLine($"     rule: {o.RuleKey ?? o.Regime}: {o.Source}{inForce}{(o.Verify ? "; VERIFY" : "")}");
        output.WriteLine($"     clock start: {Iso(o.ClockStart)}; deadline: {(o.Deadline is { } d ? Iso(d) : "none fixed (without undue delay)")} ({o.TimeZone})");
        if (o.Counting.Count > 0)
        {
            output.WriteLine("     counting:");
            foreach (var step in o.Counting)
            {
                output.WriteLine($"       {Marker(step.Kind)} {step.Note}");
            }
        }
        var readings = new List<string>();
        if (o.ExtendedDeadline is { } extended)
        {
            readings.Add($"Regulation 1182/71 Art. 3(4) would extend the period to {Iso(extended)} (end of the next working day); the unextended deadline is kept as binding");
        }
        if (o.SubmissionCutoff is { } cutoff)
        {
            readings.Add($"legal deadline {(o.Deadline is { } legal ? Iso(legal) : "-")}, but a submission started after {Iso(cutoff)} is dated the next business day ({EdgarFilingCutoff.Source})");
        }
        readings.AddRange(o.Counting.Select(s => s.Note).Where(n => n.Contains("Other reading:", StringComparison.Ordinal))
            .Select(n => n[(n.IndexOf("Other reading:", StringComparison.Ordinal) + "Other reading:".Length)..].Trim()));
        if (readings.Count > 0)
        {
            output.WriteLine("     other readings:");
            foreach (var reading in readings.Distinct(StringComparer.Ordinal))
            {
                output.WriteLine($"       ~ {reading}");
            }
        }
        if (o.Notes.Count > 0)
        {
            output.WriteLine("     notes:");
            foreach (var note in o.Notes)
            {
                output.WriteLine($"       * {note}");
            }
        }
    }

    /// <summary>Whether a structured decision recorded for <paramref name="decided"/> speaks for <paramref name="regime"/>:
    /// the NIS2 decision is recorded once, under the early warning, for the three NIS2 reports.</summary>
    private static bool Covers(string decided, string regime) =>
        decided == regime || (decided == "nis2-early-warning" && regime.StartsWith("nis2-", StringComparison.Ordinal));

    private static List<string> RegimesOf(string decision) =>
        DecisionPrefixes.FirstOrDefault(p => decision.StartsWith(p.Prefix, StringComparison.Ordinal)).Regimes?.ToList() ?? [];

    private static string Marker(CountingStepKind kind) => kind switch
    {
        CountingStepKind.SkippedWeekend or CountingStepKind.SkippedHoliday => "skip",
        CountingStepKind.Counted or CountingStepKind.CountedDespiteObservance => "+1  ",
        CountingStepKind.Adjusted => "move",
        CountingStepKind.Deadline => "end ",
        _ => "at  ",
    };

    private static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
