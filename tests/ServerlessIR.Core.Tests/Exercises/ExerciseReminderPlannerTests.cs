using System.Globalization;
using ServerlessIR.Core.Exercises;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Exercises;

/// <summary>When a quarterly exercise is due, by the default playbook's calendar (Q4 due 6 November, before Black Friday).</summary>
public sealed class ExerciseReminderPlannerTests
{
    private static readonly ExerciseCalendar Calendar = PlaybookLoader.LoadDefault().Exercise.Calendar;

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public void Decide_InsideTheWindowNoneHeld_DueNamingThePeakSeason()
    {
        var reminder = ExerciseReminderPlanner.Decide(Calendar, At("2026-10-25T09:00:00Z"), lastExerciseAt: At("2026-09-10T09:00:00Z"));

        Assert.NotNull(reminder);
        Assert.Equal(4, reminder.Exercise.Quarter);
        Assert.Equal(new DateOnly(2026, 11, 6), reminder.DueDate);
        Assert.False(reminder.Overdue);
        Assert.Contains("Black Friday", reminder.Subject, StringComparison.Ordinal);
        Assert.Equal("exercise-reminder/2026-Q4/due", reminder.Key);
    }

    [Fact]
    public void Decide_BeforeTheWindow_NotDue()
    {
        Assert.Null(ExerciseReminderPlanner.Decide(Calendar, At("2026-10-20T09:00:00Z"), lastExerciseAt: null));
    }

    [Fact]
    public void Decide_HeldThisQuarter_NotDue()
    {
        Assert.Null(ExerciseReminderPlanner.Decide(Calendar, At("2026-11-10T09:00:00Z"), lastExerciseAt: At("2026-10-02T09:00:00Z")));
    }

    [Fact]
    public void Decide_PastTheDueDateNoneHeld_OverdueWithItsOwnKey()
    {
        var reminder = ExerciseReminderPlanner.Decide(Calendar, At("2026-11-30T09:00:00Z"), lastExerciseAt: At("2026-09-30T09:00:00Z"));

        Assert.NotNull(reminder);
        Assert.True(reminder.Overdue);
        Assert.Equal("exercise-reminder/2026-Q4/overdue", reminder.Key);
    }

    [Fact]
    public void Decide_DueDateReadInTheCalendarsTimeZone_WindowOpensAtLocalMidnight()
    {
        // 14 days before 15 March is 1 March: 23:30 UTC on 28 February is already 1 March in Berlin.
        Assert.NotNull(ExerciseReminderPlanner.Decide(Calendar, At("2026-02-28T23:30:00Z"), lastExerciseAt: null));
        Assert.Null(ExerciseReminderPlanner.Decide(Calendar, At("2026-02-28T22:30:00Z"), lastExerciseAt: null));
    }

    [Fact]
    public void Decide_EmptyCalendar_NeverDue()
    {
        Assert.Null(ExerciseReminderPlanner.Decide(new ExerciseCalendar(), At("2026-11-05T09:00:00Z"), lastExerciseAt: null));
    }
}
