namespace ServerlessIR.Core.Assessment;

/// <summary>How bad the breach is: the ENISA score and level, the SEV level, and why.</summary>
public sealed record SeverityAssessment(double EnisaScore, string EnisaLevel, string Level, IReadOnlyList<string> Rationale);
