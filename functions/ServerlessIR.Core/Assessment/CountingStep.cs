namespace ServerlessIR.Core.Assessment;

/// <summary>One step of how a deadline was counted, for <c>ir assess --explain</c>: the day (when a day is meant) and why.</summary>
public sealed record CountingStep
{
    public required CountingStepKind Kind { get; init; }
    public DateOnly? Day { get; init; }
    public required string Note { get; init; }
}
