namespace ServerlessIR.Core.Incidents;

/// <summary>A task marked <see cref="IncidentTaskStatus.Done"/> or <see cref="IncidentTaskStatus.Waived"/> (a waiver needs a reason).</summary>
public sealed record TaskResolution(string TaskId, IncidentTaskStatus Status, string By, string? Reason);
