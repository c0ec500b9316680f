namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Maps incident time (what the incident lives through at scale 1) to the real time a durable timer is set for:
/// a deadline D fires at <c>start + (D - start) / scale</c>. Pure, so orchestrators may use it.
/// </summary>
public readonly record struct IncidentClock(DateTimeOffset Start, double Scale)
{
    /// <summary>The real UTC instant at which incident time <paramref name="incidentTime"/> is reached.</summary>
    public DateTime ToReal(DateTimeOffset incidentTime) =>
        (Start + (incidentTime - Start) / Scale).UtcDateTime;

    /// <summary>The incident time reached at real UTC instant <paramref name="real"/>.</summary>
    public DateTimeOffset ToIncident(DateTime real) =>
        Start + (new DateTimeOffset(DateTime.SpecifyKind(real, DateTimeKind.Utc)) - Start) * Scale;

    /// <summary>A wait for a person: scaled like everything else, but never shorter than <paramref name="floor"/> of real time.</summary>
    public TimeSpan HumanWait(TimeSpan incidentDuration, TimeSpan floor)
    {
        var scaled = incidentDuration / Scale;
        return scaled < floor ? floor : scaled;
    }
}
