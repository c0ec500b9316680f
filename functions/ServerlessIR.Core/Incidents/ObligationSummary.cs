namespace ServerlessIR.Core.Incidents;

/// <summary>One obligation with its checkpoints: <c>Pending</c>, <c>Scheduled</c> (beyond a drill's horizon), <c>Submitted</c>, <c>Late</c> or <c>Held</c>.</summary>
public sealed record ObligationSummary(
    string Regime,
    string Recipient,
    DateTimeOffset? Deadline,
    string DeadlineKind,
    string Status,
    IReadOnlyList<CheckpointSummary> Checkpoints,
    string? Source = null);
