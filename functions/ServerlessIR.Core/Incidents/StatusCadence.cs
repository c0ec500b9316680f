namespace ServerlessIR.Core.Incidents;

/// <summary>
/// When an open incident's next status post is due, in incident time. Posts fall on a grid from the incident's opening
/// (<see cref="Anchor"/>) at the present severity's cadence; a post moves the anchor to the latest grid point it stands
/// for, so posts missed while the incident worked collapse into one instead of a burst, and a change of severity takes
/// its new cadence from the last post (a rise from every 4 hours to every 2 after a post at 4 h posts next at 6 h).
/// </summary>
/// <remarks>Pure and immutable: the orchestration keeps one and replaces it on each post, so replay computes the same ticks.</remarks>
public sealed record StatusCadence(DateTimeOffset Anchor, int Posts = 0)
{
    /// <summary>The next post's incident time at <paramref name="everyMinutes"/>, or null when none is due (no cadence, or closed).</summary>
    public DateTimeOffset? Next(int? everyMinutes, bool open = true) =>
        open && everyMinutes is { } minutes && minutes > 0 ? Anchor.AddMinutes(minutes) : null;

    /// <summary>Whether a post is due at incident time <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now, int? everyMinutes, bool open = true) => Next(everyMinutes, open) is { } next && now >= next;

    /// <summary>
    /// The cadence after a post at incident time <paramref name="now"/>: one more post, anchored on the latest grid point
    /// at or before <paramref name="now"/> (at least the next one, so a post always moves the grid on).
    /// </summary>
    public StatusCadence Posted(DateTimeOffset now, int everyMinutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(everyMinutes);
        var step = TimeSpan.FromMinutes(everyMinutes);
        var steps = Math.Max(1, (long)((now - Anchor).Ticks / step.Ticks));
        return new StatusCadence(Anchor + step * steps, Posts + 1);
    }
}
