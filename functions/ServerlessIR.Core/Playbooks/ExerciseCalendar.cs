namespace ServerlessIR.Core.Playbooks;

/// <summary>When the quarterly exercises are due, in the organisation's time zone, and how early owners are reminded.</summary>
public sealed record ExerciseCalendar
{
    /// <summary>IANA time zone the due dates are read in.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Owners are reminded from this many days before a due date until an exercise is held.</summary>
    public int RemindDaysAhead { get; init; } = 14;

    /// <summary>One entry per quarter; the one before the peak season names it.</summary>
    public IReadOnlyList<ScheduledExercise> Exercises { get; init; } = [];
}
