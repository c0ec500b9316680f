namespace ServerlessIR.Core.Incidents;

/// <summary>One obligation with its checkpoints: <c>Pending</c>, <c>Scheduled</c> (beyond a drill's horizon), <c>Submitted</c>, <c>Late</c> or <c>Held</c>.
/// A submitted obligation carries when (incident time) and the regulator's reference, if one was given.</summary>
public sealed record ObligationSummary(
    string Regime,
    string Recipient,
    DateTimeOffset? Deadline,
    string DeadlineKind,
    string Status,
    IReadOnlyList<CheckpointSummary> Checkpoints,
    string? Source = null,
    DateTimeOffset? SubmittedAt = null,
    string? Reference = null);
