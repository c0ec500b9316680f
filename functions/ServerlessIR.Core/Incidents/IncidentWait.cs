namespace ServerlessIR.Core.Incidents;

/// <summary>
/// One wait of an incident (a checkpoint's timer, a person's answer) as <see cref="IncidentTime"/> keeps it: the real span
/// the durable timer covers and the incident span it stands for. Incident time crosses it at a steady rate and runs at real
/// speed again from its real end, so an engine that wakes late adds its real lateness, not that lateness times the scale.
/// </summary>
/// <param name="RealFrom">The real instant the wait began.</param>
/// <param name="RealUntil">The real instant its timer is set for.</param>
/// <param name="IncidentFrom">Incident time when it began.</param>
/// <param name="IncidentUntil">Incident time at its real end.</param>
public sealed record IncidentWait(DateTimeOffset RealFrom, DateTimeOffset RealUntil, DateTimeOffset IncidentFrom, DateTimeOffset IncidentUntil)
{
    /// <summary>Incident seconds per real second while the wait runs (at least 1).</summary>
    public double Rate => RealUntil > RealFrom ? (IncidentUntil - IncidentFrom) / (RealUntil - RealFrom) : 1;

    /// <summary>Incident time at real instant <paramref name="real"/>, taken as if the wait still ran then.</summary>
    public DateTimeOffset IncidentAt(DateTimeOffset real) =>
        real <= RealFrom ? IncidentFrom - (RealFrom - real)
        : real >= RealUntil ? IncidentUntil + (real - RealUntil)
        : IncidentFrom + (real - RealFrom) * Rate;
}
