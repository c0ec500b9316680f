using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The incident's follow-up tasks in the orchestration: the playbook's seeds, tasks people create, completions and
/// waivers (each evidence), and the reminders to a task's owner before its due time and to the incident's owners after
/// it. It runs no timer of its own: once <see cref="Start"/>ed it is an alarm the inbox's one waiter rings from whatever
/// wait the incident is in (<see cref="IIncidentAlarm"/>), and a task change is seen at the next turn of that wait.
/// </summary>
/// <remarks>
/// Deterministic: due times are incident time, mapped to real time by the waiter through <see cref="IncidentRun.Time"/>.
/// A reminder that comes due while the incident works (no wait under way) is sent at the next wait, seconds later.
/// </remarks>
internal sealed class TaskDesk(IncidentRun run) : IIncidentAlarm
{

    /// <summary>Records the plan's seeded tasks (once: a seed already known is skipped).</summary>
    public async Task SeedAsync(IncidentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (run.Input.SendsWithJournal)
        {
            // From revision 2 the playbook's tasks are one step: their creations go out in one journal with the record.
            await run.HoldEvidence(async () =>
            {
                foreach (var task in plan.Tasks)
                {
                    await AddAsync(task);
                }
            });
            return;
        }
        foreach (var task in plan.Tasks)
        {
            await AddAsync(task);
        }
    }

    /// <summary>A person's new task, from the inbox.</summary>
    public async Task AddAsync(IncidentTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        task = task with
        {
            Title = BoundedText.Truncate(task.Title, FormLimits.Name),
            Owner = BoundedText.Truncate(task.Owner, FormLimits.Name),
            CreatedBy = BoundedText.Truncate(task.CreatedBy, EvidenceLimits.MaxActorChars),
            Status = IncidentTaskStatus.Open,
        };
        if (!run.State.AddTask(task))
        {
            await run.Evidence(EvidenceKinds.EventIgnored, "system", run.State.Tasks.Any(t => t.Id == task.Id)
                ? $"Task {task.Id} exists already; the repeated creation changed nothing"
                : $"Task {task.Id} not added: the incident has its maximum of {IncidentTaskReader.MaxTasks} tasks");
            return;
        }
        await run.Journal(EvidenceKinds.TaskCreated, task.Source == "playbook" ? "system" : "person:" + task.CreatedBy,
            string.Create(CultureInfo.InvariantCulture, $"Task {task.Id}: {task.Title} (owner {task.Owner}, due {task.Due:yyyy-MM-dd HH:mm} UTC)"),
            Payload(task, new JsonObject { ["source"] = task.Source, ["createdBy"] = task.CreatedBy }));
    }

    /// <summary>A completion or waiver, from the inbox. A task already resolved, or unknown, changes nothing (recorded).</summary>
    public async Task ResolveAsync(TaskResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var task = run.State.Tasks.FirstOrDefault(t => t.Id == resolution.TaskId);
        if (task is null || task.Status != IncidentTaskStatus.Open)
        {
            await run.Evidence(EvidenceKinds.EventIgnored, "system", task is null
                ? $"No task {resolution.TaskId} on this incident; the {WireNames.Of(resolution.Status)} changed nothing"
                : $"Task {task.Id} is {task.Status} already; the {WireNames.Of(resolution.Status)} changed nothing");
            return;
        }
        var by = BoundedText.Truncate(resolution.By, EvidenceLimits.MaxActorChars);
        var reason = BoundedText.TruncateOptional(resolution.Reason, IncidentState.MaxReasonChars);
        run.State.UpdateTask(task with { Status = resolution.Status, ResolvedBy = by, Reason = reason, ResolvedAt = run.Now });
        var waived = resolution.Status == IncidentTaskStatus.Waived;
        await run.Journal(waived ? EvidenceKinds.TaskWaived : EvidenceKinds.TaskCompleted, "person:" + by,
            $"Task {task.Id} {(waived ? "waived" : "done")}: {task.Title}" + (reason is null ? "" : $" ({reason})"),
            new JsonObject { ["taskId"] = task.Id, ["by"] = by, ["reason"] = reason });
    }

    /// <summary>From now on the inbox's waits remind and escalate the open tasks.</summary>
    public void Start() => run.Inbox.Watch(this);

    /// <summary>No more reminders: the incident closed or its orchestration is ending.</summary>
    public void Stop() => run.Inbox.Unwatch(this);

    /// <inheritdoc />
    public DateTimeOffset? NextAlarm => run.Closed ? null : NextMoment();

    /// <inheritdoc />
    public Task RingAsync() => FireDueAsync();

    /// <summary>The earliest reminder or escalation still to send among open tasks (incident time), or null.</summary>
    private DateTimeOffset? NextMoment()
    {
        DateTimeOffset? next = null;
        foreach (var task in run.State.Tasks.Where(t => t.Status == IncidentTaskStatus.Open))
        {
            DateTimeOffset? at = task.RemindedAt is null && task.EscalatedAt is null ? RemindAt(task)
                : task.EscalatedAt is null ? task.Due : null;
            if (at is { } moment && (next is null || moment < next))
            {
                next = moment;
            }
        }
        return next;
    }

    private DateTimeOffset RemindAt(IncidentTask task) => task.Due.AddHours(-run.Plan.RemindBeforeHours);

    private async Task FireDueAsync()
    {
        var now = run.Now;
        foreach (var task in run.State.Tasks.Where(t => t.Status == IncidentTaskStatus.Open).ToList())
        {
            if (task.EscalatedAt is null && now >= task.Due)
            {
                run.State.UpdateTask(task with { EscalatedAt = now, RemindedAt = task.RemindedAt ?? now });
                var owners = run.Plan.Route.Owners.Concat(run.Plan.Route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                await run.Notify("task-overdue", owners, $"Overdue task on {run.Input.IncidentId}: {task.Title}", Fields(task));
                await run.Journal(EvidenceKinds.TaskEscalated, "system",
                    $"Task {task.Id} is past its due time and still open; the incident's owners were told", Payload(task, null));
            }
            else if (task.RemindedAt is null && task.EscalatedAt is null && now >= RemindAt(task))
            {
                run.State.UpdateTask(task with { RemindedAt = now });
                await run.Notify("task-reminder", [task.Owner], $"Reminder: {task.Title} is due for {run.Input.IncidentId}", Fields(task));
                await run.Journal(EvidenceKinds.TaskReminded, "system", $"Task {task.Id}: owner {task.Owner} reminded before its due time", Payload(task, null));
            }
        }
    }

    private static Dictionary<string, string> Fields(IncidentTask task) => new()
    {
        ["Task"] = task.Title,
        ["Owner"] = task.Owner,
        ["Due"] = task.Due.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        ["AI system"] = task.AiSystem ?? "none named",
        ["What to do"] = "Do it and mark it done on the incident's console page, or waive it there with a reason.",
    };

    private static JsonObject Payload(IncidentTask task, JsonObject? extra)
    {
        var payload = new JsonObject
        {
            ["taskId"] = task.Id,
            ["title"] = task.Title,
            ["owner"] = task.Owner,
            ["due"] = task.Due,
            ["aiSystem"] = task.AiSystem,
        };
        foreach (var (key, value) in extra ?? [])
        {
            payload[key] = value?.DeepClone();
        }
        return payload;
    }
}
