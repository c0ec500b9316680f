using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Closing an incident as a false positive, in whatever phase it is declared: undo the containment done so far in
/// reverse order, then stop the clocks. Declared during containment or an approval wait, the steps not yet run never
/// run: the phase stops as soon as the incident is closed.
/// </summary>
internal sealed class FalsePositiveClosure(IncidentRun run)
{
    /// <summary>Compensations are retried like containment steps; a step that still fails is left to a person.</summary>
    private static readonly TaskOptions CompensationRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: ContainmentPhase.MaxAttempts, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>
    /// Runs the compensating action of every reversible step that took effect, last first, records each with its
    /// before/after state, marks the open obligations not required, and closes the incident as <c>FalsePositive</c>.
    /// </summary>
    public async Task CloseAsync(FalsePositiveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The declarer goes into every obligation's status line; the reason into evidence (bounded there too).
        request = request with
        {
            DeclaredBy = BoundedText.Truncate(request.DeclaredBy ?? "unknown", EvidenceLimits.MaxActorChars),
            Reason = BoundedText.Truncate(request.Reason ?? "", EvidenceLimits.MaxSummaryChars),
        };
        var performed = run.State.Containment.Performed;
        // Declared during containment, the steps without a result never run: the phase stops when the incident closes.
        var notRun = run.State.Containment.NotRun;
        await run.Evidence(EvidenceKinds.IncidentFalsePositiveDeclared, "approver:" + request.DeclaredBy,
            request.Reason + (request.Approval is { } two ? $" (asked by {two.RequestedBy}, seconded by {two.ApprovedBy})" : ""),
            new JsonObject
            {
                ["declaredBy"] = request.DeclaredBy,
                ["reason"] = request.Reason,
                ["stepsToUndo"] = performed.Count,
                ["stepsNotRun"] = new JsonArray([.. notRun.Select(a => (JsonNode?)a)]),
                ["dualControl"] = request.Approval?.ToJson(),
            });
        var undone = new List<(string Action, UndoStatus Status)>();
        for (var i = performed.Count - 1; i >= 0; i--)
        {
            var (step, outcome) = (performed[i].Request, performed[i].Outcome);
            var compensation = ContainmentActions.CompensationFor(step.Action);
            if (compensation is null || outcome.Status == ContainmentStatus.AlreadyDone && outcome.Undo is null)
            {
                await run.Evidence(EvidenceKinds.CompensationNotApplicable, "system",
                    compensation is null
                        ? $"{step.Action} cannot be undone; the owners re-establish it (e.g. the integration signs in again)"
                        : $"{step.Action} was already in effect before the incident; left as it was",
                    new JsonObject { ["action"] = step.Action, ["step"] = step.Step });
                undone.Add((step.Action, UndoStatus.NotUndone));
                continue;
            }
            try
            {
                var result = await run.Context.CallActivityAsync<ContainmentOutcome>(compensation,
                    new ContainmentCompensation(step, outcome.Undo), CompensationRetry);
                await run.Evidence(EvidenceKinds.CompensationSucceeded, "system", $"{step.Action} undone: {result.Detail}", new JsonObject
                {
                    ["action"] = step.Action,
                    ["step"] = step.Step,
                    ["status"] = WireNames.Of(result.Status),
                    ["before"] = result.Before?.DeepClone(),
                    ["after"] = result.After?.DeepClone(),
                });
                undone.Add((step.Action, UndoStatus.Undone));
            }
            catch (TaskFailedException ex)
            {
                var reason = ex.FailureDetails.ErrorMessage;
                await run.Evidence(EvidenceKinds.CompensationFailed, "system", $"{step.Action} could not be undone: {reason}",
                    new JsonObject { ["action"] = step.Action, ["step"] = step.Step, ["error"] = reason });
                await run.Notify("compensation-failed", [.. run.Plan.Route.Owners.Concat(run.Plan.Route.Dpo)],
                    $"Action needed: undo {step.Action} by hand ({run.Input.IncidentId})",
                    new Dictionary<string, string> { ["Action"] = step.Action, ["Error"] = reason });
                undone.Add((step.Action, UndoStatus.UndoFailed));
            }
        }

        var submitted = run.State.Obligations.DeclareFalsePositive(request.DeclaredBy);
        run.State.Containment.RecordUndo(undone);
        run.Close(IncidentStatus.FalsePositive);
        await run.Journal(EvidenceKinds.IncidentClosed, "approver:" + request.DeclaredBy,
            "Closed as a false positive" + (submitted.Count > 0
                ? $"; notices already submitted ({string.Join(", ", submitted)}) need a follow-up to the recipient withdrawing them"
                : "; no notice had been submitted"),
            new JsonObject { ["status"] = nameof(IncidentStatus.FalsePositive), ["undone"] = undone.Count(u => u.Status == UndoStatus.Undone) }, anchor: "closed: false positive");
    }
}
