using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Asks people before a step the playbook marks <c>approval: required</c>: each tier in turn gets the request (e-mail,
/// activity feed, Teams card), a reminder half-way, and a durable timer of the tier's timeout; the first decision wins,
/// silence escalates to the next tier, and after the last tier the playbook's <c>defaultAfterLastTier</c> for the
/// severity decides. A reminder carries a fresh link for the same tier: whichever link is used first decides. Steps that
/// wait for approval at the same time (a wave of parallel steps) are asked together, each with its own requests and
/// decisions, through the incident's one waiter.
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

    /// <summary>
    /// Decides for every step of <paramref name="asks"/> at once whether it may run. The steps were asked together, so they
    /// share the tiers' timing; each has its own request, reminder, escalation and decision at every tier, and a decision
    /// comes under its step's and tier's own event name, so one step's answer is never taken for another's.
    /// <paramref name="decided"/> is called as soon as a step's outcome is known, while the others go on waiting:
    /// <see cref="ApprovalResult.Approved"/>, <see cref="ApprovalResult.Rejected"/>, <see cref="ApprovalResult.Held"/>,
    /// <see cref="ApprovalResult.ProceededByDefault"/>, or <see cref="ApprovalResult.Withdrawn"/> when the incident closed
    /// during the wait; with a line of detail.
    /// </summary>
    /// <param name="plan">The incident's plan.</param>
    /// <param name="asks">The steps, in plan order: outcomes that come together are handed over in this order.</param>
    /// <param name="decided">Takes a step's outcome; the waits of the others resume when it returns.</param>
    public async Task DecideAsync(IncidentPlan plan, IReadOnlyList<ApprovalAsk> asks, Func<ApprovalAsk, ApprovalResult, string, Task> decided)
    {
        var policy = plan.Approvals;
        var severity = plan.Assessment.Severity.Level;
        if (policy is null || policy.Tiers.Count == 0)
        {
            foreach (var ask in asks)
            {
                // A step that needs approval with nobody to ask must not run silently.
                await run.Evidence(EvidenceKinds.ApprovalHeld, "system", $"{ask.Action} needs approval but the playbook lists no approval tiers: held");
                await decided(ask, ApprovalResult.Held, "no approval tiers in the playbook");
            }
            return;
        }

        var nearest = run.State.Obligations.NearestPending();
        var open = asks.ToList();
        string? escalatedFrom = null;
        for (var index = 0; index < policy.Tiers.Count; index++)
        {
            var tier = policy.Tiers[index];
            var wait = run.Time.HumanWait(TimeSpan.FromMinutes(tier.TimeoutMinutes), TimeSpan.FromSeconds(run.Input.Runtime.HumanWaitFloorSeconds));
            var asked = new TierWait(tier, index + 1, run.Now, run.Context.CurrentUtcDateTime, run.Context.CurrentUtcDateTime + wait, escalatedFrom);
            var halfway = asked.RequestedAt + TimeSpan.FromMinutes(tier.TimeoutMinutes) / 2;

            // A request that cannot be sent is recorded and raised; the tier's wait still runs, so its silence escalates.
            var requests = await Task.WhenAll(open.Select(ask => RequestAsync(plan, ask.Action, asked, nearest, reminder: false)));
            // From revision 5 the requests' evidence and the record go out in one journal (IncidentRun.InEventJournal).
            await run.InEventJournal(async () =>
            {
                var records = new List<Task>();
                for (var i = 0; i < open.Count; i++)
                {
                    var (action, request) = (open[i].Action, requests[i]);
                    foreach (var sent in request.Sent)
                    {
                        run.State.RecordNotification(new NotificationSummary(sent.Channel, sent.Template, sent.To, asked.RequestedAt));
                    }
                    records.Add(run.Evidence(EvidenceKinds.ApprovalRequested, "system",
                        $"{action}: tier {asked.Number} ({tier.Name}) asked {string.Join(", ", request.Approvers)}; waits {tier.TimeoutMinutes:0.#} min",
                        new JsonObject
                        {
                            ["action"] = action,
                            ["tier"] = tier.Name,
                            ["tierNumber"] = asked.Number,
                            ["approvers"] = new JsonArray([.. request.Approvers.Select(a => (JsonNode?)a)]),
                            ["channels"] = new JsonArray([.. request.Sent.Select(s => (JsonNode?)s.Channel).Distinct()]),
                            ["timeoutMinutes"] = tier.TimeoutMinutes,
                            ["escalatedFrom"] = escalatedFrom,
                        }));
                }
                await Task.WhenAll(records);
                // The wait begins before the record is written, so the approval page reads incident time as the wait runs.
                run.Time = run.Time.Waiting(run.Context.CurrentUtcDateTime, asked.RequestedReal + wait / 2, halfway);
                await run.Publish();
            });

            // Half-way through the wait the tier gets one reminder for each step still open; the escalation comes at the end.
            // One wait per step and tier, never cancelled: the SDK (1.28) hands an event to a cancelled waiter and loses it
            // (microsoft/durabletask-dotnet#508), which would drop a decision that arrives after the reminder.
            var decisions = open.Select(ask => run.Context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventNameFor(ask.Action, tier.Name))).ToList();
            var waiting = open.Zip(decisions).ToList();
            run.Status.Awaiting($"{tier.Name}: approve or reject {string.Join(", ", open.Select(a => a.Action))}");
            await WaitAsync(waiting, asked.RequestedReal + wait / 2, halfway, asked, decided);
            if (waiting.Count > 0 && !run.Closed)
            {
                var reminders = await Task.WhenAll(waiting.Select(w => RequestAsync(plan, w.First.Action, asked, nearest, reminder: true)));
                var records = new List<Task>();
                for (var i = 0; i < waiting.Count; i++)
                {
                    var action = waiting[i].First.Action;
                    foreach (var sent in reminders[i].Sent)
                    {
                        run.State.RecordNotification(new NotificationSummary(sent.Channel, sent.Template + " (reminder)", sent.To, run.Now));
                    }
                    records.Add(run.Evidence(EvidenceKinds.ApprovalReminded, "system", $"{action}: tier {asked.Number} ({tier.Name}) reminded, half its wait gone",
                        new JsonObject { ["action"] = action, ["tier"] = tier.Name, ["tierNumber"] = asked.Number }));
                }
                await Task.WhenAll(records);
                await WaitAsync(waiting, asked.ExpiresAt, asked.RequestedAt + TimeSpan.FromMinutes(tier.TimeoutMinutes), asked, decided);
            }
            run.Status.Awaiting(null);
            open = [.. waiting.Select(w => w.First)];
            if (open.Count == 0)
            {
                return;
            }
            if (run.Closed)
            {
                foreach (var ask in open)
                {
                    await decided(ask, ApprovalResult.Withdrawn, await WithdrawnAsync(ask.Action, tier, asked.Number));
                }
                return;
            }

            var next = index + 1 < policy.Tiers.Count ? policy.Tiers[index + 1] : null;
            foreach (var ask in open)
            {
                run.State.RecordApproval(new ApprovalSummary(ask.Action, asked.Number, ApprovalResult.TimedOut, null, null));
                await run.Evidence(next is null ? EvidenceKinds.ApprovalTimedOut : EvidenceKinds.ApprovalEscalated, "system",
                    next is null
                        ? $"{ask.Action}: last tier {asked.Number} ({tier.Name}) did not answer within {tier.TimeoutMinutes:0.#} min"
                        : $"{ask.Action}: tier {asked.Number} ({tier.Name}) did not answer within {tier.TimeoutMinutes:0.#} min; escalating to {next.Name}",
                    new JsonObject { ["action"] = ask.Action, ["tier"] = tier.Name, ["tierNumber"] = asked.Number, ["next"] = next?.Name });
            }
            escalatedFrom = tier.Name;
        }

        foreach (var ask in open)
        {
            var proceed = ask.StepDefault is { } own ? own == LastTierDefault.Proceed : policy.ProceedsAfterLastTier(severity);
            var whose = ask.StepDefault is null ? $"the playbook's default for {severity}" : "the step's default";
            var result = proceed ? ApprovalResult.ProceededByDefault : ApprovalResult.Held;
            run.State.RecordApproval(new ApprovalSummary(ask.Action, policy.Tiers.Count, result, "playbook default", null));
            await run.Journal(EvidenceKinds.ApprovalDefaultApplied, "system",
                $"{ask.Action}: nobody answered; {whose} is to {(proceed ? "proceed" : "hold")}",
                new JsonObject { ["action"] = ask.Action, ["severity"] = severity, ["default"] = proceed ? "proceed" : "hold", ["stepDefault"] = ask.StepDefault is not null },
                anchor: $"approval {ask.Action} default {(proceed ? "proceed" : "hold")}");
            await decided(ask, result, $"no answer from {policy.Tiers.Count} tier(s); {whose}: {(proceed ? "proceed" : "hold")}");
        }
    }

    /// <summary>One tier's wait, shared by the steps asked together: when it was asked, when it gives up, and whom it follows.</summary>
    private sealed record TierWait(ApprovalTier Tier, int Number, DateTimeOffset RequestedAt, DateTime RequestedReal, DateTime ExpiresAt, string? EscalatedFrom);

    /// <summary>The tier's request (or its reminder) for <paramref name="action"/>; nobody asked when it could not be sent.</summary>
    private async Task<ApprovalRequestResult> RequestAsync(IncidentPlan plan, string action, TierWait asked, ObligationSummary? nearest, bool reminder) =>
        await run.Bookkeep(BookkeepingStep.ApprovalRequest, $"approval {(reminder ? "reminder" : "request")} for {action} (tier {asked.Number})",
            () => run.Context.CallActivityAsync<ApprovalRequestResult>(nameof(RequestApprovalActivity),
                new ApprovalRequestInput(run.Input.IncidentId, action, asked.Tier.Name, asked.Number, plan.Assessment.Severity.Level, plan.AiSystemId,
                    plan.DataCategories, nearest?.Deadline, nearest?.Regime, reminder ? run.Now : asked.RequestedAt,
                    new DateTimeOffset(asked.ExpiresAt, TimeSpan.Zero), run.Sender, asked.EscalatedFrom, Reminder: reminder),
                IncidentRun.ActivityRetry)) ?? NobodyAsked;

    /// <summary>
    /// Waits until <paramref name="until"/> for the decisions of the steps still <paramref name="waiting"/>, handing each
    /// to <paramref name="decided"/> as it comes (and taking it off the list); returns when the time came, every step is
    /// decided, or the incident closed. Incident events are handled during the wait (<see cref="IncidentInbox"/>), so a
    /// joined signal or amended facts take effect at once and a false positive ends the wait.
    /// </summary>
    private async Task WaitAsync(List<(ApprovalAsk First, Task<ApprovalDecision> Second)> waiting, DateTime until, DateTimeOffset incidentUntil,
        TierWait asked, Func<ApprovalAsk, ApprovalResult, string, Task> decided)
    {
        while (waiting.Count > 0 && !run.Closed)
        {
            var timeCame = false;
            if (!waiting.Any(w => w.Second.IsCompleted))
            {
                var any = Task.WhenAny(waiting.Select(w => w.Second));
                timeCame = await run.Inbox.SleepAsync(until, any, incidentUntil);
                if (timeCame && !any.IsCompleted)
                {
                    // A decision made before the timeout can reach the engine in the same batch of messages as the timer, just
                    // after it (a loaded worker, a slow page): one more turn lets it land before the tier is given up.
                    await Task.WhenAny(any, run.Context.CreateTimer(run.Context.CurrentUtcDateTime, CancellationToken.None));
                }
            }
            run.Time = run.Time.Resumed(run.Context.CurrentUtcDateTime, reachedEnd: false);
            // In plan order, so decisions that came together are taken alike on every replay.
            var done = waiting.Where(w => w.Second.IsCompleted).ToList();
            foreach (var (ask, decision) in done)
            {
                waiting.RemoveAll(w => w.First == ask);
                var (result, detail) = await RecordAsync(ask.Action, await decision, asked);
                await decided(ask, result, detail);
            }
            if (done.Count == 0 || timeCame)
            {
                return;
            }
        }
    }

    /// <summary>Records a person's decision on <paramref name="action"/> at the tier that asked.</summary>
    private async Task<(ApprovalResult Result, string Detail)> RecordAsync(string action, ApprovalDecision decision, TierWait asked)
    {
        var tier = asked.Tier;
        var outcome = decision.Outcome == ApprovalOutcome.Approved ? ApprovalResult.Approved : ApprovalResult.Rejected;
        var said = WireNames.Of(outcome).ToLowerInvariant();
        var latency = Math.Round((run.Now - asked.RequestedAt).TotalSeconds, 1);
        run.State.RecordApproval(new ApprovalSummary(action, asked.Number, outcome, decision.DecidedBy, latency, decision.Reason));
        var anchor = $"approval {action} tier {asked.Number} {said}";
        var followUp = new NoticeDecision
        {
            Subject = action,
            Outcome = WireNames.Of(outcome),
            DecidedBy = decision.DecidedBy,
            Tier = tier.Name,
            Reason = decision.Reason ?? "",
            RealTime = decision.DecidedAt,
        };
        if (run.Input.JournalsEvents)
        {
            // From revision 5 the channel's follow-up card goes out with the decision's journal, before its evidence is
            // written: the approved step is called after one round trip, not a journal, a post and an append in a row.
            await run.InJournal(async () =>
            {
                await Decided();
                await run.Status.FollowUpAsync(followUp, mayHold: true);
            }, anchor);
        }
        else
        {
            await run.Journal(EvidenceKinds.ApprovalDecided, "approver:" + decision.DecidedBy, Summary(), Payload(), anchor);
            await run.Status.FollowUpAsync(followUp);
        }
        return (outcome, $"{said} by {decision.DecidedBy} ({tier.Name})" + (decision.Reason is null ? "" : ": " + decision.Reason));

        Task Decided() => run.Evidence(EvidenceKinds.ApprovalDecided, "approver:" + decision.DecidedBy, Summary(), Payload());

        string Summary() => $"{action} {said} by {decision.DecidedBy} at tier {asked.Number} ({tier.Name})"
            + (decision.Reason is null ? "" : ": " + decision.Reason);

        JsonObject Payload() => new()
        {
            ["action"] = action,
            ["tier"] = tier.Name,
            ["tierNumber"] = asked.Number,
            ["decision"] = WireNames.Of(outcome),
            ["by"] = decision.DecidedBy,
            ["reason"] = decision.Reason,
            ["latencySeconds"] = latency,
            ["realLatencySeconds"] = Math.Round((run.Context.CurrentUtcDateTime - asked.RequestedReal).TotalSeconds, 1),
        };
    }

    /// <summary>The incident was closed during the tier's wait: recorded, and the step is not run.</summary>
    private async Task<string> WithdrawnAsync(string action, ApprovalTier tier, int tierNumber)
    {
        run.State.RecordApproval(new ApprovalSummary(action, tierNumber, ApprovalResult.Withdrawn, null, null));
        await run.Journal(EvidenceKinds.ApprovalWithdrawn, "system",
            $"{action}: tier {tierNumber} ({tier.Name}) no longer asked; the incident was closed during the wait and the step does not run",
            new JsonObject { ["action"] = action, ["tier"] = tier.Name, ["tierNumber"] = tierNumber, ["status"] = WireNames.Of(run.State.Status) });
        return $"the incident was closed while {tier.Name} was asked";
    }
}
