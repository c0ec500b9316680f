using System.Globalization;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What happens when a checkpoint fires: the obligation book records it, and the playbook's ladder says whom to tell
/// (remind the owner, escalate a tier, draft the notice, tell the executives); a missed deadline is recorded as late.
/// </summary>
internal sealed class CheckpointLadder(IncidentRun run)
{
    /// <summary>
    /// Records the checkpoint and does what the ladder says, unless the obligation no longer needs it; its evidence goes out
    /// with the anchor and the record that end it (<see cref="IncidentRun.InJournal"/>).
    /// </summary>
    /// <remarks>
    /// From revision 2 the alarms due at the same moment (a status post, a task reminder) ring within the checkpoint's step, so
    /// its journal carries their messages and evidence too; they would ring at the wait that follows otherwise.
    /// From revision 3 the checkpoints due at the same wake (<paramref name="nextDue"/>: GDPR's and NIS2's 72 hours, say, or
    /// every checkpoint a long containment let pass) fire in this step too, up to <see cref="MaxPerStep"/>, in the order
    /// they would have fired one by one, and one journal ends them all.
    /// </remarks>
    /// <param name="nextDue">The next checkpoint if it is due now as well; null to fire <paramref name="checkpoint"/> alone.</param>
    public Task FireAsync(PlannedCheckpoint checkpoint, Func<PlannedCheckpoint?>? nextDue = null) =>
        run.InJournal(async () =>
        {
            await FireStepAsync(checkpoint);
            for (var fired = 1; fired < MaxPerStep && nextDue?.Invoke() is { } next; fired++)
            {
                await FireStepAsync(next);
            }
            if (run.Input.SendsWithJournal)
            {
                await run.Inbox.RingDueWithinAsync();
            }
        }, $"checkpoint {checkpoint.Regime} {checkpoint.Name}");

    /// <summary>At most this many checkpoints fire in one step, so one journal's messages and entries stay a bounded input.</summary>
    public const int MaxPerStep = 8;

    private async Task FireStepAsync(PlannedCheckpoint checkpoint)
    {
        var firedAt = run.Now;
        var firing = run.State.Obligations.Fire(checkpoint, firedAt);
        var obligation = firing.Obligation;
        var action = WireNames.Of(checkpoint.LadderAction);
        await run.Evidence(EvidenceKinds.CheckpointFired, "system",
            $"{checkpoint.Regime} {checkpoint.Name} checkpoint (due {checkpoint.DueAt:yyyy-MM-dd HH:mm} UTC): " +
            (firing.Done ? $"no action, obligation {obligation!.Status}" : action),
            new JsonObject
            {
                ["regime"] = checkpoint.Regime,
                ["recipient"] = checkpoint.Recipient,
                ["checkpoint"] = checkpoint.Name,
                ["dueAt"] = checkpoint.DueAt,
                ["firedAt"] = firedAt,
                ["ladderAction"] = action,
                ["obligationStatus"] = obligation is null ? null : WireNames.Of(obligation.Status),
            });
        if (!firing.Done)
        {
            await ClimbAsync(firing);
            if (checkpoint.LadderAction == LadderAction.EscalateExecutive)
            {
                // Whether the duty is late, on hold or still in time: the executives get the brief with the exposure.
                await run.Status.BriefAsync(checkpoint);
            }
        }
    }

    private async Task ClimbAsync(CheckpointFiring firing)
    {
        var (checkpoint, obligation) = (firing.Checkpoint, firing.Obligation);
        var route = run.Plan.Route;
        var id = run.Input.IncidentId;
        var due = obligation?.Deadline is { } d ? d.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "no fixed deadline";
        var fields = new Dictionary<string, string>
        {
            ["Obligation"] = $"{checkpoint.Regime} to {checkpoint.Recipient}",
            ["Deadline"] = due,
            ["Checkpoint"] = checkpoint.Name,
            ["Severity"] = run.State.SeverityLevel ?? "unknown",
        };
        if (firing.DeadlineOnHold)
        {
            await run.Evidence(EvidenceKinds.ObligationDeadlineOnHold, "system",
                $"{checkpoint.Regime} deadline passed while on law-enforcement hold requested by {obligation!.Hold?.RequestedBy}",
                new JsonObject { ["regime"] = checkpoint.Regime, ["recipient"] = checkpoint.Recipient, ["holdReason"] = obligation.Hold?.Reason });
            return;
        }
        if (firing.Late)
        {
            await run.Evidence(EvidenceKinds.ObligationLate, "system",
                $"{checkpoint.Regime} to {checkpoint.Recipient}: deadline {due} passed without a submission; the notice must give reasons for the delay",
                new JsonObject
                {
                    ["regime"] = checkpoint.Regime,
                    ["recipient"] = checkpoint.Recipient,
                    ["deadline"] = obligation?.Deadline,
                    ["reasonsForDelayRequired"] = true,
                    ["reason"] = "not submitted by the deadline; the late notice must give the reasons for the delay",
                });
            await run.Notify("deadline-missed", [.. route.Executives.Concat(route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase)],
                $"DEADLINE MISSED: {checkpoint.Regime} notice for {id} is late", fields);
            return;
        }
        switch (checkpoint.LadderAction)
        {
            case LadderAction.RemindOwner:
                await run.Notify("checkpoint-reminder", [.. route.Owners.Concat(route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase)],
                    $"Reminder: {checkpoint.Regime} notice for {id} due {due}", fields);
                break;
            case LadderAction.EscalateTier:
                var next = run.State.Obligations.Escalate(checkpoint.Regime, checkpoint.Recipient);
                await run.Notify("checkpoint-escalation", route.Tier(next),
                    $"Escalation: {checkpoint.Regime} notice for {id} due {due} is not yet submitted", fields);
                break;
            case LadderAction.EscalateExecutive:
                await run.Notify("checkpoint-escalation", route.Executives,
                    $"Executive escalation: {checkpoint.Regime} notice for {id} due {due}", fields);
                break;
            default:
                await run.Notify("notice-draft-due", route.Dpo,
                    $"Draft now: {checkpoint.Regime} notice for {id} due {due}", fields);
                break;
        }
    }
}
