namespace ServerlessIR.Local.Drill;

/// <summary>One pass criterion as a drill measured it: its name as the scenario spells it, what was asked, what was seen.</summary>
public sealed record CriterionResult(string Name, string Expected, string Measured, bool Passed);
