namespace ServerlessIR.Local.Drill;

/// <summary>One run of the catalogue as the scorecard's history keeps it: when, on which host, and each scenario's criteria.</summary>
public sealed record ScorecardRun(string Run, DateTimeOffset At, string Host, double WallSeconds, IReadOnlyList<ScorecardScenario> Scenarios)
{
    public bool Passed => Scenarios.All(s => s.Passed);
}
