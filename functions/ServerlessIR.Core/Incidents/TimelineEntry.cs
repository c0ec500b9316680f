namespace ServerlessIR.Core.Incidents;

/// <summary>One line of the incident's timeline, mirroring an evidence record.</summary>
/// <param name="At">Incident time (<see cref="IncidentTime"/>).</param>
/// <param name="Kind">The evidence kind.</param>
/// <param name="Summary">The evidence summary, bounded.</param>
/// <param name="RealAt">Real time, when it differs from incident time (a drill): what the wall clock showed.</param>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Summary, DateTimeOffset? RealAt = null);
