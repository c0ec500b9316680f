using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Exercises;

/// <summary>A quarterly exercise that is due and not yet held: what the owners are reminded of.</summary>
/// <param name="Exercise">The calendar entry.</param>
/// <param name="DueDate">Its due date this year, in the calendar's time zone.</param>
/// <param name="Overdue">The due date has passed.</param>
/// <param name="Key">Idempotency key of the reminder: one when the window opens, one more once it is overdue.</param>
public sealed record ExerciseReminder(ScheduledExercise Exercise, DateOnly DueDate, bool Overdue, string Key)
{
    /// <summary>The reminder's subject line.</summary>
    public string Subject =>
        $"{(Overdue ? "Overdue" : "Due")}: Q{Exercise.Quarter} incident-response exercise by {DueDate:yyyy-MM-dd}"
        + (Exercise.PeakSeason is { } peak ? $", before {peak}" : "");
}
