namespace ServerlessIR.Core.Assessment;

/// <summary>One duty to notify one recipient under one regime, with its deadline (null when "without undue delay").</summary>
public sealed record Obligation
{
    public required string Regime { get; init; }
    public required string Recipient { get; init; }
    public required DateTimeOffset ClockStart { get; init; }
    public DateTimeOffset? Deadline { get; init; }

    /// <summary><c>fixed</c> or <c>without-undue-delay</c>.</summary>
    public required string DeadlineKind { get; init; }

    public required string TimeZone { get; init; }
    public required string Source { get; init; }
}
