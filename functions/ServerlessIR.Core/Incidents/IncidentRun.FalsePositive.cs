using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Core.Incidents;

/// <summary>Closing an incident as a false positive: undo the containment in reverse order, then stop the clocks.</summary>
internal sealed partial class IncidentRun
{
    /// <summary>Compensations are retried like containment steps; a step that still fails is left to a person.</summary>
    private static readonly TaskOptions CompensationRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: ContainmentPhase.MaxAttempts, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>
    /// Runs the compensating action of every reversible step that took effect, last first, records each with its
    /// before/after state, marks the open obligations not required, and closes the incident as <c>FalsePositive</c>.
    /// </summary>
    public async Task CloseAsFalsePositive(FalsePositiveRequest request)
    {
        await Evidence("incident.false-positive-declared", "approver:" + request.DeclaredBy, request.Reason,
            new JsonObject { ["declaredBy"] = request.DeclaredBy, ["reason"] = request.Reason, ["stepsToUndo"] = Performed.Count });
        var undone = new List<ContainmentSummary>();
        for (var i = Performed.Count - 1; i >= 0; i--)
        {
            var (step, outcome) = (Performed[i].Request, Performed[i].Outcome);
            var compensation = ContainmentActions.CompensationFor(step.Action);
            if (compensation is null || outcome.Status == "AlreadyDone" && outcome.Undo is null)
            {
                await Evidence("compensation.not-applicable", "system",
                    compensation is null
                        ? $"{step.Action} cannot be undone; the owners re-establish it (e.g. the integration signs in again)"
                        : $"{step.Action} was already in effect before the incident; left as it was",
                    new JsonObject { ["action"] = step.Action, ["step"] = step.Step });
                undone.Add(new ContainmentSummary(step.Action, "NotUndone", 0, "irreversible or not ours to undo"));
                continue;
            }
            try
            {
                var result = await Context.CallActivityAsync<ContainmentOutcome>(compensation,
                    new ContainmentCompensation(step, outcome.Undo), CompensationRetry);
                await Evidence("compensation.succeeded", "system", $"{step.Action} undone: {result.Detail}", new JsonObject
                {
                    ["action"] = step.Action,
                    ["step"] = step.Step,
                    ["status"] = result.Status,
                    ["before"] = result.Before?.DeepClone(),
                    ["after"] = result.After?.DeepClone(),
                });
                undone.Add(new ContainmentSummary(step.Action, "Undone", 1, result.Detail));
            }
            catch (TaskFailedException ex)
            {
                var reason = ex.FailureDetails.ErrorMessage;
                await Evidence("compensation.failed", "system", $"{step.Action} could not be undone: {reason}",
                    new JsonObject { ["action"] = step.Action, ["step"] = step.Step, ["error"] = reason });
                await Notify("compensation-failed", [.. Plan.Route.Owners.Concat(Plan.Route.Dpo)],
                    $"Action needed: undo {step.Action} by hand ({Input.IncidentId})",
                    new Dictionary<string, string> { ["Action"] = step.Action, ["Error"] = reason });
                undone.Add(new ContainmentSummary(step.Action, "UndoFailed", ContainmentPhase.MaxAttempts, reason));
            }
        }

        obligations = obligations.Select(o => o.Status is "Submitted" or "NotRequired"
            ? o
            : o with { Status = "NotRequired", StatusReason = $"false positive declared by {request.DeclaredBy}" }).ToList();
        Summary = Summary with
        {
            Status = IncidentStatus.FalsePositive,
            Obligations = [.. obligations],
            Containment = [.. Summary.Containment.Select(c => undone.FirstOrDefault(u => u.Action == c.Action) is { } u
                ? c with { Undo = u.Status } : c)],
        };
        var submitted = obligations.Where(o => o.Status == "Submitted").Select(o => o.Regime).ToList();
        await Evidence("incident.closed", "approver:" + request.DeclaredBy,
            "Closed as a false positive" + (submitted.Count > 0
                ? $"; notices already submitted ({string.Join(", ", submitted)}) need a follow-up to the recipient withdrawing them"
                : "; no notice had been submitted"),
            new JsonObject { ["status"] = nameof(IncidentStatus.FalsePositive), ["undone"] = undone.Count(u => u.Status == "Undone") });
        Closed = true;
        await Anchor("closed: false positive");
        await Publish();
    }
}
