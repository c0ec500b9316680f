using System.Globalization;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Exercises;

/// <summary>
/// Whether a quarterly exercise is due on a given day: the pure rule the reminder timer applies. A calendar entry is due
/// from <see cref="ExerciseCalendar.RemindDaysAhead"/> days before its date until the end of its quarter, unless an
/// exercise incident was opened since that quarter began.
/// </summary>
/// <remarks>
/// Holding one anywhere in the quarter counts: the point is one real rehearsal per quarter (and the one before the peak
/// season in time for it), not a date kept to the day. Past its quarter an unheld exercise is no longer reminded; the
/// next quarter's entry takes over.
/// </remarks>
public static class ExerciseReminderPlanner
{
    /// <summary>The reminder due at <paramref name="now"/>, or null when none is.</summary>
    /// <param name="calendar">The playbook's calendar.</param>
    /// <param name="now">Now (real time).</param>
    /// <param name="lastExerciseAt">When the latest exercise incident was opened, if any was.</param>
    public static ExerciseReminder? Decide(ExerciseCalendar calendar, DateTimeOffset now, DateTimeOffset? lastExerciseAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var zone = Zone(calendar.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var lastHeld = lastExerciseAt is { } last ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last, zone).DateTime) : (DateOnly?)null;
        foreach (var exercise in calendar.Exercises.OrderBy(e => e.Quarter))
        {
            var quarterStart = new DateOnly(today.Year, (exercise.Quarter * 3) - 2, 1);
            var quarterEnd = quarterStart.AddMonths(3).AddDays(-1);
            var due = DueDate(exercise, today.Year);
            if (today < due.AddDays(-calendar.RemindDaysAhead) || today > quarterEnd || lastHeld >= quarterStart)
            {
                continue;
            }
            var overdue = today > due;
            return new ExerciseReminder(exercise, due, overdue,
                $"exercise-reminder/{today.Year.ToString(CultureInfo.InvariantCulture)}-Q{exercise.Quarter.ToString(CultureInfo.InvariantCulture)}/{(overdue ? "overdue" : "due")}");
        }
        return null;
    }

    /// <summary>The entry's due date in <paramref name="year"/> (29 February falls back to the 28th in other years).</summary>
    public static DateOnly DueDate(ScheduledExercise exercise, int year)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        var month = int.Parse(exercise.Due.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(exercise.Due.AsSpan(3, 2), CultureInfo.InvariantCulture);
        return new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
    }

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
