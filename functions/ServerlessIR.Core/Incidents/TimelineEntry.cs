namespace ServerlessIR.Core.Incidents;

/// <summary>One line of the incident's timeline (incident time), mirroring an evidence record.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Summary);
