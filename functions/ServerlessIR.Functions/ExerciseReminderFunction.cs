using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessIR.Core.Exercises;

namespace ServerlessIR.Functions;

/// <summary>
/// Daily at 08:00 UTC: reminds the playbook's exercise owners when a quarterly exercise is due and none was held this
/// quarter (<see cref="ExerciseReminderPlanner"/>). Each reminder is sent once (the send ledger), so running every day
/// of the window, or twice on one day, reminds once when the window opens and once more when it is overdue.
/// </summary>
public sealed partial class ExerciseReminderFunction(ExerciseReminderService reminders, ILogger<ExerciseReminderFunction> logger)
{
    [Function("ExerciseReminder")]
    public async Task Run([TimerTrigger("0 0 8 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var reminder = await reminders.RunAsync(cancellationToken);
        if (reminder is not null)
        {
            LogReminded(logger, reminder.Exercise.Quarter, reminder.DueDate, reminder.Overdue);
        }
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "Exercise owners reminded: Q{Quarter} exercise due {DueDate} (overdue: {Overdue})")]
    private static partial void LogReminded(ILogger logger, int quarter, DateOnly dueDate, bool overdue);
}
