using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>A checkpoint's due time and, once it fired, the incident time at which it did.</summary>
public sealed record CheckpointSummary(string Name, DateTimeOffset DueAt, DateTimeOffset? FiredAt, LadderAction? LadderAction = null);
