using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Asks people before a step the playbook marks <c>approval: required</c>: each tier in turn gets the request (e-mail,
/// activity feed, Teams card), a reminder half-way, and a durable timer of the tier's timeout; the first decision wins,
/// silence escalates to the next tier, and after the last tier the playbook's <c>defaultAfterLastTier</c> for the
/// severity decides. A reminder carries a fresh link for the same tier: whichever link is used first decides.
/// </summary>
/// <remarks>
/// Deterministic: the wait is a durable timer against <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, the
/// timeout is incident minutes mapped to real time through <see cref="IncidentTime.HumanWait"/> (never shorter than the
/// host's human floor), and everything that touches the outside is an activity. The tier's wait stands for its timeout in
/// incident time however long the floor makes it in real time, so a person's answer is timed in incident minutes.
/// </remarks>
internal sealed class ApprovalLadder(IncidentRun run)
{
    private static readonly ApprovalRequestResult NobodyAsked = new([], []);

    /// <summary>Decides whether <paramref name="action"/> may run: <see cref="ApprovalResult.Approved"/>,
    /// <see cref="ApprovalResult.Rejected"/>, <see cref="ApprovalResult.Held"/> or <see cref="ApprovalResult.ProceededByDefault"/>,
    /// with a line of detail.</summary>
    /// <param name="plan">The incident's plan.</param>
    /// <param name="action">The step's action.</param>
    /// <param name="stepDefault">What silence from the last tier means for this step; null takes the severity's default.</param>
    public async Task<(ApprovalResult Result, string Detail)> DecideAsync(IncidentPlan plan, string action, LastTierDefault? stepDefault = null)
    {
        var policy = plan.Approvals;
        var severity = plan.Assessment.Severity.Level;
        if (policy is null || policy.Tiers.Count == 0)
        {
            // A step that needs approval with nobody to ask must not run silently.
            await run.Evidence(EvidenceKinds.ApprovalHeld, "system", $"{action} needs approval but the playbook lists no approval tiers: held");
            return (ApprovalResult.Held, "no approval tiers in the playbook");
        }

        var nearest = run.State.Obligations.NearestPending();
        string? escalatedFrom = null;
        for (var index = 0; index < policy.Tiers.Count; index++)
        {
            var tier = policy.Tiers[index];
            var tierNumber = index + 1;
            var wait = run.Time.HumanWait(TimeSpan.FromMinutes(tier.TimeoutMinutes), TimeSpan.FromSeconds(run.Input.Runtime.HumanWaitFloorSeconds));
            var expiresAt = run.Context.CurrentUtcDateTime + wait;
            var requestedAt = run.Now;
            var requestedReal = run.Context.CurrentUtcDateTime;
            var timeout = requestedAt + TimeSpan.FromMinutes(tier.TimeoutMinutes);
            var halfway = requestedAt + TimeSpan.FromMinutes(tier.TimeoutMinutes) / 2;

            // A request that cannot be sent is recorded and raised; the tier's wait still runs, so its silence escalates.
            var request = await run.Bookkeep(BookkeepingStep.ApprovalRequest, $"approval request for {action} (tier {tierNumber})",
                () => run.Context.CallActivityAsync<ApprovalRequestResult>(nameof(RequestApprovalActivity),
                    new ApprovalRequestInput(run.Input.IncidentId, action, tier.Name, tierNumber, severity, plan.AiSystemId, plan.DataCategories,
                        nearest?.Deadline, nearest?.Regime, requestedAt, new DateTimeOffset(expiresAt, TimeSpan.Zero), run.Sender, escalatedFrom),
                    IncidentRun.ActivityRetry)) ?? NobodyAsked;
            foreach (var sent in request.Sent)
            {
                run.State.RecordNotification(new NotificationSummary(sent.Channel, sent.Template, sent.To, requestedAt));
            }
            await run.Evidence(EvidenceKinds.ApprovalRequested, "system",
                $"{action}: tier {tierNumber} ({tier.Name}) asked {string.Join(", ", request.Approvers)}; waits {tier.TimeoutMinutes:0.#} min",
                new JsonObject
                {
                    ["action"] = action,
                    ["tier"] = tier.Name,
                    ["tierNumber"] = tierNumber,
                    ["approvers"] = new JsonArray([.. request.Approvers.Select(a => (JsonNode?)a)]),
                    ["channels"] = new JsonArray([.. request.Sent.Select(s => (JsonNode?)s.Channel).Distinct()]),
                    ["timeoutMinutes"] = tier.TimeoutMinutes,
                    ["escalatedFrom"] = escalatedFrom,
                });
            // The wait begins before the record is written, so the approval page reads incident time as the wait runs.
            run.Time = run.Time.Waiting(run.Context.CurrentUtcDateTime, requestedReal + wait / 2, halfway);
            await run.Publish();

            // Half-way through the wait the same tier gets one reminder; the escalation comes at the end.
            // One wait per tier, never cancelled: the SDK (1.28) hands an event to a cancelled waiter and loses it
            // (microsoft/durabletask-dotnet#508), which would drop a decision that arrives after the reminder.
            var decisionTask = run.Context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventNameFor(action, tier.Name));
            var decision = await WaitAsync(decisionTask, requestedReal + wait / 2, halfway);
            if (decision is null && !run.Closed)
            {
                var reminder = await run.Bookkeep(BookkeepingStep.ApprovalRequest, $"approval reminder for {action} (tier {tierNumber})",
                    () => run.Context.CallActivityAsync<ApprovalRequestResult>(nameof(RequestApprovalActivity),
                        new ApprovalRequestInput(run.Input.IncidentId, action, tier.Name, tierNumber, severity, plan.AiSystemId, plan.DataCategories,
                            nearest?.Deadline, nearest?.Regime, run.Now, new DateTimeOffset(expiresAt, TimeSpan.Zero), run.Sender, escalatedFrom, Reminder: true),
                        IncidentRun.ActivityRetry)) ?? NobodyAsked;
                foreach (var sent in reminder.Sent)
                {
                    run.State.RecordNotification(new NotificationSummary(sent.Channel, sent.Template + " (reminder)", sent.To, run.Now));
                }
                await run.Evidence(EvidenceKinds.ApprovalReminded, "system", $"{action}: tier {tierNumber} ({tier.Name}) reminded, half its wait gone",
                    new JsonObject { ["action"] = action, ["tier"] = tier.Name, ["tierNumber"] = tierNumber });
                decision = await WaitAsync(decisionTask, expiresAt, timeout);
            }
            if (decision is null && run.Closed)
            {
                return await WithdrawnAsync(action, tier, tierNumber);
            }
            if (decision is not null)
            {
                var outcome = decision.Outcome == ApprovalOutcome.Approved ? ApprovalResult.Approved : ApprovalResult.Rejected;
                var said = WireNames.Of(outcome).ToLowerInvariant();
                var latency = Math.Round((run.Now - requestedAt).TotalSeconds, 1);
                run.State.RecordApproval(new ApprovalSummary(action, tierNumber, outcome, decision.DecidedBy, latency, decision.Reason));
                await run.Evidence(EvidenceKinds.ApprovalDecided, "approver:" + decision.DecidedBy,
                    $"{action} {said} by {decision.DecidedBy} at tier {tierNumber} ({tier.Name})"
                        + (decision.Reason is null ? "" : ": " + decision.Reason),
                    new JsonObject
                    {
                        ["action"] = action,
                        ["tier"] = tier.Name,
                        ["tierNumber"] = tierNumber,
                        ["decision"] = WireNames.Of(outcome),
                        ["by"] = decision.DecidedBy,
                        ["reason"] = decision.Reason,
                        ["latencySeconds"] = latency,
                        ["realLatencySeconds"] = Math.Round((run.Context.CurrentUtcDateTime - requestedReal).TotalSeconds, 1),
                    });
                await run.Anchor($"approval {action} tier {tierNumber} {said}");
                await run.Publish();
                return (outcome, $"{said} by {decision.DecidedBy} ({tier.Name})" + (decision.Reason is null ? "" : ": " + decision.Reason));
            }

            run.State.RecordApproval(new ApprovalSummary(action, tierNumber, ApprovalResult.TimedOut, null, null));
            var next = index + 1 < policy.Tiers.Count ? policy.Tiers[index + 1] : null;
            await run.Evidence(next is null ? EvidenceKinds.ApprovalTimedOut : EvidenceKinds.ApprovalEscalated, "system",
                next is null
                    ? $"{action}: last tier {tierNumber} ({tier.Name}) did not answer within {tier.TimeoutMinutes:0.#} min"
                    : $"{action}: tier {tierNumber} ({tier.Name}) did not answer within {tier.TimeoutMinutes:0.#} min; escalating to {next.Name}",
                new JsonObject { ["action"] = action, ["tier"] = tier.Name, ["tierNumber"] = tierNumber, ["next"] = next?.Name });
            escalatedFrom = tier.Name;
        }

        var proceed = stepDefault is { } own ? own == LastTierDefault.Proceed : policy.ProceedsAfterLastTier(severity);
        var whose = stepDefault is null ? $"the playbook's default for {severity}" : "the step's default";
        var result = proceed ? ApprovalResult.ProceededByDefault : ApprovalResult.Held;
        run.State.RecordApproval(new ApprovalSummary(action, policy.Tiers.Count, result, "playbook default", null));
        await run.Evidence(EvidenceKinds.ApprovalDefaultApplied, "system",
            $"{action}: nobody answered; {whose} is to {(proceed ? "proceed" : "hold")}",
            new JsonObject { ["action"] = action, ["severity"] = severity, ["default"] = proceed ? "proceed" : "hold", ["stepDefault"] = stepDefault is not null });
        await run.Anchor($"approval {action} default {(proceed ? "proceed" : "hold")}");
        await run.Publish();
        return (result, $"no answer from {policy.Tiers.Count} tier(s); {whose}: {(proceed ? "proceed" : "hold")}");
    }

    /// <summary>
    /// The decision if it arrives before <paramref name="until"/>, or null when the timer wins or the incident closes
    /// first. Incident events are handled during the wait (<see cref="IncidentInbox"/>), so a joined signal or amended
    /// facts take effect at once and a false positive ends the wait.
    /// </summary>
    private async Task<ApprovalDecision?> WaitAsync(Task<ApprovalDecision> decision, DateTime until, DateTimeOffset incidentUntil)
    {
        if (!decision.IsCompleted)
        {
            if (await run.Inbox.SleepAsync(until, decision, incidentUntil) && !decision.IsCompleted)
            {
                // A decision made before the timeout can reach the engine in the same batch of messages as the timer, just
                // after it (a loaded worker, a slow page): one more turn lets it land before the tier is given up.
                await Task.WhenAny(decision, run.Context.CreateTimer(run.Context.CurrentUtcDateTime, CancellationToken.None));
            }
        }
        run.Time = run.Time.Resumed(run.Context.CurrentUtcDateTime, reachedEnd: false);
        return decision.IsCompleted ? await decision : null;
    }

    /// <summary>The incident was closed during the tier's wait: recorded, and the step is not run.</summary>
    private async Task<(ApprovalResult Result, string Detail)> WithdrawnAsync(string action, ApprovalTier tier, int tierNumber)
    {
        run.State.RecordApproval(new ApprovalSummary(action, tierNumber, ApprovalResult.Withdrawn, null, null));
        await run.Evidence(EvidenceKinds.ApprovalWithdrawn, "system",
            $"{action}: tier {tierNumber} ({tier.Name}) no longer asked; the incident was closed during the wait and the step does not run",
            new JsonObject { ["action"] = action, ["tier"] = tier.Name, ["tierNumber"] = tierNumber, ["status"] = WireNames.Of(run.State.Status) });
        await run.Publish();
        return (ApprovalResult.Withdrawn, $"the incident was closed while {tier.Name} was asked");
    }
}
