namespace ServerlessIR.Core.Incidents;

/// <summary>Severity as reports show it.</summary>
public sealed record SeveritySummary(string Level, double EnisaScore, string EnisaLevel);
