namespace ServerlessIR.Core.Incidents;

/// <summary>A moment at which the orchestrator wakes for one obligation, and what the ladder says to do then.</summary>
/// <param name="Name">e.g. <c>24h</c>, <c>warning</c>, <c>deadline</c>.</param>
/// <param name="DueAt">Incident time.</param>
/// <param name="LadderAction"><c>remind-owner</c>, <c>escalate-tier</c>, <c>draft-notice</c> or <c>escalate-executive</c>.</param>
public sealed record PlannedCheckpoint(string Regime, string Recipient, string Name, DateTimeOffset DueAt, string LadderAction);
