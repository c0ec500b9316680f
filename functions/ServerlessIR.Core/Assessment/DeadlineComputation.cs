namespace ServerlessIR.Core.Assessment;

/// <summary>A deadline and the steps that led to it (<see cref="DeadlineCalculator.Trace"/>).</summary>
public sealed record DeadlineComputation(DateTimeOffset? Deadline, IReadOnlyList<CountingStep> Steps);
