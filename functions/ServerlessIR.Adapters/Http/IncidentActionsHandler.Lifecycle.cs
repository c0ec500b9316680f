using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Privacy;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Tasks and closure (docs/lifecycle.md): <c>POST /api/incidents/{id}/tasks</c>, <c>POST /api/incidents/{id}/tasks/{taskId}</c>
/// and <c>POST /api/incidents/{id}/close</c>, with the same caller, origin and body checks as the other incident actions.
/// A task change is raised at once; a closure needs a second, different person, like a false positive.
/// </summary>
public sealed partial class IncidentActionsHandler
{
    public async Task<IResult> PostTaskAsync(HttpRequest request, string id, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        var (caller, body, refusal) = await AcceptAsync(request, durable, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        // The ID is made here, outside the orchestration, which must never make random IDs.
        var taskId = "t-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var (task, errors) = IncidentTaskReader.ReadNew(body, taskId, caller!.Name);
        if (task is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid task", string.Join("; ", errors), errors);
        }
        task = task with { Title = FreeTextScrubber.Scrub(task.Title) };
        var record = await incidents.GetAsync(id, cancellationToken);
        if (record is not null && record.Tasks.Count >= IncidentTaskReader.MaxTasks)
        {
            return Problem(StatusCodes.Status409Conflict, "Too many tasks",
                $"Incident '{id}' has its maximum of {IncidentTaskReader.MaxTasks} tasks; complete or waive some and reuse them.", ["tasks"]);
        }
        return await RaiseAsync(durable, id, IncidentEvent.Kinds.TaskCreated, new TaskCreatedEvent(task),
            new { incident = id, accepted = "task", taskId, createdBy = caller.Name }, cancellationToken);
    }

    public async Task<IResult> PostTaskResolutionAsync(HttpRequest request, string id, string taskId, DurableTaskClient durable,
        CancellationToken cancellationToken = default)
    {
        var (caller, body, refusal) = await AcceptAsync(request, durable, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (resolution, errors) = IncidentTaskReader.ReadResolution(body, taskId, caller!.Name);
        if (resolution is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid task update", string.Join("; ", errors), errors);
        }
        resolution = resolution with { Reason = resolution.Reason is { } reason ? FreeTextScrubber.Scrub(reason) : null };
        var record = await incidents.GetAsync(id, cancellationToken);
        var task = record?.Tasks.FirstOrDefault(t => t.Id == taskId);
        if (record is not null && task is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", $"No task '{FormText.Quote(taskId)}' on incident '{FormText.Quote(id)}'.", ["taskId"]);
        }
        if (task is not null && task.Status != IncidentTaskStatus.Open)
        {
            return Problem(StatusCodes.Status409Conflict, "Task resolved", $"Task '{taskId}' is {task.Status} already.", ["taskId"]);
        }
        return await RaiseAsync(durable, id, IncidentEvent.Kinds.TaskResolved, new TaskResolvedEvent(resolution),
            new { incident = id, accepted = "task-" + resolution.Status.ToString().ToLowerInvariant(), taskId, by = caller.Name }, cancellationToken);
    }

    /// <summary>
    /// Refused with 409 naming each blocker (open tasks, obligations neither submitted nor not required); else the review is
    /// checked (400 naming the field) and the closure waits for a second person (202 with the request's status URL).
    /// </summary>
    public async Task<IResult> PostCloseAsync(HttpRequest request, string id, DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        var (caller, body, refusal) = await AcceptAsync(request, durable, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var record = await incidents.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", $"No incident '{id}'.", null);
        }
        var blockers = ClosureBlockers.Of(record);
        if (blockers.Count > 0)
        {
            return Problem(StatusCodes.Status409Conflict, "Cannot close yet", string.Join("; ", blockers), blockers);
        }
        IReadOnlyList<string> systems = record.AiSystem is { } system ? [system] : [];
        var (review, errors) = IncidentReviewReader.Read(body, caller!.Name, systems);
        if (review is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid post-incident review", string.Join("; ", errors), errors);
        }
        review = review with
        {
            RootCause = FreeTextScrubber.Scrub(review.RootCause),
            ControlChanges = FreeTextScrubber.Scrub(review.ControlChanges),
            RiskRegister = [.. review.RiskRegister.Select(e => e with { Entry = FreeTextScrubber.Scrub(e.Entry) })],
        };
        return await RequestSecondPersonAsync(durable, id, IncidentEvent.Kinds.Close, new CloseRequestedEvent(review),
            "Close the incident with its post-incident review: " + review.RootCause, caller,
            new Dictionary<string, object?> { ["accepted"] = "close", ["reviewedBy"] = caller.Name }, cancellationToken);
    }
}
