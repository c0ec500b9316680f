namespace ServerlessIR.Core.Approvals;

/// <summary>The decision already taken for a step and tier (or a dual-control request), whichever link carried it.</summary>
public sealed record StandingDecision(ApprovalOutcome Outcome, string DecidedBy, DateTimeOffset DecidedAt);
