namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Incident time: what an incident lives through, as it would read in production. It runs at real speed while the pipeline
/// works and faster (up to <see cref="Scale"/>) only while the incident waits on a durable timer or for a person, so a drill
/// compresses the waits and never the work. At scale 1 (production, the Azure app) it is real time.
/// </summary>
/// <remarks>
/// Pure and immutable. The orchestrator keeps the current value and changes it only with
/// the real readings it passes in (<c>CurrentUtcDateTime</c> around each wait), so
/// every replay computes the same incident times. The value is published with the incident record, so a page can tell
/// incident time now (<see cref="Now(DateTimeOffset)"/>) without asking the orchestration.
/// </remarks>
/// <param name="Scale">Incident seconds per real second of a timer's wait (1: real time).</param>
/// <param name="Lead">How far incident time is ahead of real time from the waits that have ended.</param>
/// <param name="Wait">The wait under way, if any.</param>
public sealed record IncidentTime(double Scale = 1, TimeSpan Lead = default, IncidentWait? Wait = null)
{
    /// <summary>Real time: production.</summary>
    public static IncidentTime Real { get; } = new();

    /// <summary>Incident time at real instant <paramref name="real"/> (a wait under way counts as running until then).</summary>
    public DateTimeOffset Now(DateTimeOffset real) => Wait?.IncidentAt(real) ?? real + Lead;

    /// <inheritdoc cref="Now(DateTimeOffset)"/>
    public DateTimeOffset Now(DateTime real) => Now(Utc(real));

    /// <summary>
    /// The real instant a timer for incident time <paramref name="incident"/> is set for when the incident waits for it from
    /// <paramref name="realNow"/> at the scale; <paramref name="realNow"/> itself when it has come.
    /// </summary>
    public DateTime RealWhen(DateTimeOffset incident, DateTime realNow)
    {
        var left = incident - Now(realNow);
        return left <= TimeSpan.Zero ? realNow : realNow + left / Scale;
    }

    /// <summary>
    /// The real instant incident time reaches <paramref name="incident"/> during a wait from <paramref name="realNow"/> until
    /// <paramref name="realUntil"/> that stands for <paramref name="incidentUntil"/> (null: a pause at real speed), at the
    /// wait's own rate; <paramref name="realNow"/> when it has come. A wake-up that falls inside a wait (a task's reminder
    /// during a checkpoint's sleep) fires where that wait's incident time passes it, not at the bare scale.
    /// </summary>
    public DateTime RealWhenWaiting(DateTimeOffset incident, DateTime realNow, DateTime realUntil, DateTimeOffset? incidentUntil)
    {
        var incidentNow = Now(realNow);
        var left = incident - incidentNow;
        if (left <= TimeSpan.Zero)
        {
            return realNow;
        }
        var rate = incidentUntil is { } target && realUntil > realNow ? Math.Max(1, (target - incidentNow) / (realUntil - realNow)) : 1;
        return realNow + left / rate;
    }

    /// <summary>The real time a person gets for <paramref name="incidentSpan"/>: scaled, but never less than <paramref name="floor"/>.</summary>
    public TimeSpan HumanWait(TimeSpan incidentSpan, TimeSpan floor)
    {
        var scaled = incidentSpan / Scale;
        return scaled < floor ? floor : scaled;
    }

    /// <summary>
    /// Begins a wait from <paramref name="realNow"/> until <paramref name="realUntil"/> that stands for reaching incident time
    /// <paramref name="incidentUntil"/>; incident time never runs slower than real time in it. The same wait asked for again
    /// goes on unchanged. A wait whose real end has already come (the work since its timer was planned took that long)
    /// has reached its incident end too, as a production timer set at the same moment would have.
    /// </summary>
    public IncidentTime Waiting(DateTime realNow, DateTime realUntil, DateTimeOffset incidentUntil)
    {
        var from = Utc(realNow);
        var until = Utc(realUntil);
        if (Wait is { } current && current.RealUntil == until && current.IncidentUntil >= incidentUntil)
        {
            return this;
        }
        var ended = Resumed(realNow, reachedEnd: false);
        if (until <= from)
        {
            return incidentUntil - from > ended.Lead ? ended with { Lead = incidentUntil - from } : ended;
        }
        var incidentFrom = ended.Now(from);
        var atLeast = incidentFrom + (until - from);
        return ended with { Wait = new IncidentWait(from, until, incidentFrom, incidentUntil > atLeast ? incidentUntil : atLeast) };
    }

    /// <summary>
    /// Ends the wait under way at <paramref name="realNow"/>: an interrupted wait counts for the real time it ran at its rate;
    /// one whose timer fired (<paramref name="reachedEnd"/>) reaches its incident end, plus any real lateness at real speed.
    /// </summary>
    public IncidentTime Resumed(DateTime realNow, bool reachedEnd)
    {
        if (Wait is not { } wait)
        {
            return this;
        }
        var real = Utc(realNow);
        var incident = reachedEnd && real < wait.RealUntil ? wait.IncidentUntil : wait.IncidentAt(real);
        return this with { Lead = incident - real, Wait = null };
    }

    private static DateTimeOffset Utc(DateTime real) => new(DateTime.SpecifyKind(real, DateTimeKind.Utc));
}
