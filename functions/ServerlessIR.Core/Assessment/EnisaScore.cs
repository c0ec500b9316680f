namespace ServerlessIR.Core.Assessment;

/// <summary>The ENISA (2013) severity of a personal data breach, SE = DPC x EI + CB, with every factor explained.</summary>
public sealed record EnisaScore(double Dpc, double Ei, double Cb, double Score, string Level, IReadOnlyList<string> Rationale);
