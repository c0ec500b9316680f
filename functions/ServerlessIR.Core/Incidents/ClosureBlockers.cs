using System.Globalization;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What keeps an incident from closing: each open task (a waived one, with its reason, does not block) and each
/// obligation neither submitted nor marked not required. An obligation a drill shows as <c>Scheduled</c> (due beyond the
/// horizon it stops watching at) does not block a drill's closure; the review's evidence lists it. Pure: the close route answers 409 with the list, and the
/// orchestration checks the same list again before it closes.
/// </summary>
public static class ClosureBlockers
{
    /// <summary>One line per blocker, each naming the task or obligation and what would clear it; empty when it may close.</summary>
    public static IReadOnlyList<string> Of(IncidentSummary incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var blockers = new List<string>();
        if (incident.Status is IncidentStatus.Closed or IncidentStatus.FalsePositive or IncidentStatus.Failed)
        {
            blockers.Add($"status: the incident is already {incident.Status}");
            return blockers;
        }
        foreach (var task in incident.Tasks.Where(t => t.Status == IncidentTaskStatus.Open))
        {
            blockers.Add(string.Create(CultureInfo.InvariantCulture,
                $"task {task.Id} '{task.Title}' (owner {task.Owner}, due {task.Due:yyyy-MM-dd HH:mm} UTC) is open: mark it done, or waive it with a reason"));
        }
        foreach (var obligation in incident.Obligations.Where(o => o.Status is not (ObligationStatus.Submitted or ObligationStatus.NotRequired or ObligationStatus.Scheduled)))
        {
            blockers.Add($"obligation {obligation.Regime} to {obligation.Recipient} is {obligation.Status}: submit its notice, or amend the facts so it is not required");
        }
        return blockers;
    }
}
