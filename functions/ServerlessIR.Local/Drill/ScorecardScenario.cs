namespace ServerlessIR.Local.Drill;

/// <summary>One scenario in one catalogue run: its criteria as measured, where its report is, or why it did not finish.</summary>
public sealed record ScorecardScenario(string Name, bool Passed, double WallSeconds, IReadOnlyList<CriterionResult> Criteria,
    string? ReportDir = null, string? Error = null);
