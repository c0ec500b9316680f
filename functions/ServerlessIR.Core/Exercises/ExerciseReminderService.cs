using System.Net;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Exercises;

/// <summary>
/// What the reminder timer does: finds when the latest exercise was opened, asks <see cref="ExerciseReminderPlanner"/>
/// whether one is due, and e-mails the playbook's exercise owners through the ledgered sender (so a timer run twice on
/// one day, or every day of the window, sends each reminder once).
/// </summary>
public sealed class ExerciseReminderService(IPlaybookProvider playbooks, IIncidentStore incidents, IMailSender mail, TimeProvider time)
{
    private const int PageSize = 200;
    private const int MaxPages = 50;

    /// <summary>Sends the reminder due now, if any, and returns it (null when none is due or no owner is named).</summary>
    public async Task<ExerciseReminder?> RunAsync(CancellationToken cancellationToken = default)
    {
        var playbook = playbooks.Current;
        var settings = playbook.Exercise;
        var reminder = ExerciseReminderPlanner.Decide(settings.Calendar, time.GetUtcNow(), await LastExerciseAsync(cancellationToken));
        if (reminder is null || settings.Owners.Count == 0)
        {
            return null;
        }
        var body = $"<html><body><h2>{WebUtility.HtmlEncode(reminder.Subject)}</h2>"
            + $"<p>Run it against the deployment: <code>ir exercise start --scenario {WebUtility.HtmlEncode(reminder.Exercise.Scenario)} --base-url URL</code>.</p>"
            + "<p>An exercise runs the real pipeline with the real people and channels; its containment acts on the exercise org only, "
            + "every message says EXERCISE, and nothing is submitted to a regulator.</p></body></html>";
        await mail.SendAsync(new EmailMessage(playbook.Organisation.NotificationSender, [.. settings.Owners.Select(o => o.Email)],
            reminder.Subject, body, reminder.Key, "exercise-reminder"), cancellationToken);
        return reminder;
    }

    private async Task<DateTimeOffset?> LastExerciseAsync(CancellationToken cancellationToken)
    {
        // Newest first: the first exercise found is the latest.
        for (var page = 0; page < MaxPages; page++)
        {
            var rows = await incidents.ListAsync(page * PageSize, PageSize, cancellationToken);
            if (rows.FirstOrDefault(r => ExerciseEvents.IsExercise(r.Id)) is { } latest)
            {
                return latest.OpenedAt;
            }
            if (rows.Count < PageSize)
            {
                break;
            }
        }
        return null;
    }
}
