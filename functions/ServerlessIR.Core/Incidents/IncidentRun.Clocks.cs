using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>The regulatory clocks of a run: checkpoints, the ladder at each, re-assessment after amended facts, holds.</summary>
internal sealed partial class IncidentRun
{
    private readonly List<PlannedCheckpoint> checkpoints = [];
    private readonly HashSet<(string Regime, string Recipient, string Name)> fired = [];
    private readonly List<FactsAmendment> amendments = [];
    private readonly Dictionary<(string Regime, string Recipient), int> escalations = [];

    private DateTimeOffset? Horizon => Input.Runtime.HorizonHours is { } h ? Input.OpenedAt.AddHours(h) : null;

    /// <summary>The earliest checkpoint that has not fired and falls inside the horizon, or null when none is left.</summary>
    public PlannedCheckpoint? NextCheckpoint() =>
        checkpoints.Where(c => !fired.Contains(Key(c)) && (Horizon is not { } h || c.DueAt <= h))
            .OrderBy(c => c.DueAt).ThenBy(c => c.Regime, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Records the checkpoint and does what the ladder says, unless the obligation no longer needs it.</summary>
    public async Task CheckpointFired(PlannedCheckpoint checkpoint)
    {
        fired.Add(Key(checkpoint));
        var firedAt = Now;
        var obligation = obligations.FirstOrDefault(o => o.Regime == checkpoint.Regime && o.Recipient == checkpoint.Recipient);
        var action = checkpoint.LadderAction;
        var done = obligation?.Status is "Submitted" or "NotRequired";
        var isDeadline = checkpoint.Name == "deadline";
        var late = isDeadline && !done && obligation?.Status != "OnHold";
        UpdateObligation(checkpoint.Regime, checkpoint.Recipient, o => o with
        {
            Checkpoints = o.Checkpoints.Select(c => c.Name == checkpoint.Name && c.FiredAt is null ? c with { FiredAt = firedAt } : c).ToList(),
            Status = late ? "Late" : o.Status,
            ReasonsForDelayRequired = o.ReasonsForDelayRequired || late,
            StatusReason = late ? "Deadline passed without a submission: reasons for delay required" : o.StatusReason,
        });
        await Evidence("checkpoint.fired", "system",
            $"{checkpoint.Regime} {checkpoint.Name} checkpoint (due {checkpoint.DueAt:yyyy-MM-dd HH:mm} UTC): " +
            (done ? $"no action, obligation {obligation!.Status}" : action),
            new JsonObject
            {
                ["regime"] = checkpoint.Regime,
                ["recipient"] = checkpoint.Recipient,
                ["checkpoint"] = checkpoint.Name,
                ["dueAt"] = checkpoint.DueAt,
                ["firedAt"] = firedAt,
                ["ladderAction"] = action,
                ["obligationStatus"] = obligation?.Status,
            });
        if (!done)
        {
            await Climb(checkpoint, obligation, late);
        }
        await Anchor($"checkpoint {checkpoint.Regime} {checkpoint.Name}");
        await Publish();
    }

    private async Task Climb(PlannedCheckpoint checkpoint, ObligationSummary? obligation, bool late)
    {
        var route = Plan.Route;
        var due = obligation?.Deadline is { } d ? d.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "no fixed deadline";
        var fields = new Dictionary<string, string>
        {
            ["Obligation"] = $"{checkpoint.Regime} to {checkpoint.Recipient}",
            ["Deadline"] = due,
            ["Checkpoint"] = checkpoint.Name,
            ["Severity"] = Summary.Severity?.Level ?? "unknown",
        };
        if (checkpoint.Name == "deadline" && obligation?.Status == "OnHold")
        {
            await Evidence("obligation.deadline-on-hold", "system",
                $"{checkpoint.Regime} deadline passed while on law-enforcement hold requested by {obligation.Hold?.RequestedBy}",
                new JsonObject { ["regime"] = checkpoint.Regime, ["recipient"] = checkpoint.Recipient, ["holdReason"] = obligation.Hold?.Reason });
            return;
        }
        if (late)
        {
            await Evidence(EvidenceKinds.ObligationLate, "system",
                $"{checkpoint.Regime} to {checkpoint.Recipient}: deadline {due} passed without a submission; the notice must give reasons for the delay",
                new JsonObject
                {
                    ["regime"] = checkpoint.Regime,
                    ["recipient"] = checkpoint.Recipient,
                    ["deadline"] = obligation?.Deadline,
                    ["reasonsForDelayRequired"] = true,
                    ["reason"] = "not submitted by the deadline; the late notice must give the reasons for the delay",
                });
            await Notify("deadline-missed", [.. route.Executives.Concat(route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase)],
                $"DEADLINE MISSED: {checkpoint.Regime} notice for {Input.IncidentId} is late", fields);
            return;
        }
        switch (checkpoint.LadderAction)
        {
            case "remind-owner":
                await Notify("checkpoint-reminder", [.. route.Owners.Concat(route.Dpo).Distinct(StringComparer.OrdinalIgnoreCase)],
                    $"Reminder: {checkpoint.Regime} notice for {Input.IncidentId} due {due}", fields);
                break;
            case "escalate-tier":
                var key = (checkpoint.Regime, checkpoint.Recipient);
                var next = escalations.GetValueOrDefault(key) + 1;
                escalations[key] = next;
                await Notify("checkpoint-escalation", route.Tier(next),
                    $"Escalation: {checkpoint.Regime} notice for {Input.IncidentId} due {due} is not yet submitted", fields);
                break;
            case "escalate-executive":
                await Notify("checkpoint-escalation", route.Executives,
                    $"Executive escalation: {checkpoint.Regime} notice for {Input.IncidentId} due {due}", fields);
                break;
            default:
                await Notify("notice-draft-due", route.Dpo,
                    $"Draft now: {checkpoint.Regime} notice for {Input.IncidentId} due {due}", fields);
                break;
        }
    }

    /// <summary>Amended facts from a person: record them, apply a hold, re-assess, and move or add clocks.</summary>
    public async Task AmendFacts(FactsAmendment amendment)
    {
        amendments.Add(amendment);
        var by = amendment.AmendedBy ?? "unknown";
        await Evidence("facts.amended", "person:" + by, amendment.Note ?? "Facts amended",
            JsonSerializer.SerializeToNode(amendment, JsonSerializerOptions.Web)!.AsObject());
        if (amendment.LawEnforcementHold is { } hold)
        {
            await ApplyHold(hold with { RecordedAt = Now });
        }
        if (!amendment.OnlyHold)
        {
            await Reassess("facts amended by " + by);
        }
        await Publish();
    }

    /// <summary>
    /// Re-runs the assessment with every signal and amendment so far. Checkpoints that fired stay as they were; the rest
    /// follow the new assessment, and one whose new time has already passed fires at once on the next turn of the watch.
    /// </summary>
    public async Task Reassess(string? reason)
    {
        var plan = await Context.CallActivityAsync<IncidentPlan>(nameof(PlanIncidentActivity),
            new PlanIncidentInput(Input.IncidentId, Input.OpenedAt, Signals, amendments), ActivityRetry);
        var changes = Revise(plan);
        if (changes.Count == 0 && reason is null)
        {
            return;
        }
        var severity = plan.Assessment.Severity;
        await Evidence("assessment.revised", "system",
            changes.Count == 0 ? "Re-assessed: nothing changed" : "Re-assessed: " + string.Join("; ", changes),
            new JsonObject
            {
                ["reason"] = reason,
                ["changes"] = new JsonArray([.. changes.Select(c => (JsonNode?)c)]),
                ["assessment"] = JsonSerializer.SerializeToNode(plan.Assessment, JsonSerializerOptions.Web),
                ["severity"] = severity.Level,
            });
    }

    private List<string> Revise(IncidentPlan plan)
    {
        var changes = new List<string>();
        var previous = Plan;
        if (previous.Assessment.Severity.Level != plan.Assessment.Severity.Level)
        {
            changes.Add($"severity {previous.Assessment.Severity.Level} -> {plan.Assessment.Severity.Level}");
        }
        var revised = new List<ObligationSummary>();
        foreach (var o in plan.Assessment.Obligations)
        {
            var old = obligations.FirstOrDefault(x => x.Regime == o.Regime && x.Recipient == o.Recipient);
            var planned = plan.Checkpoints.Where(c => c.Regime == o.Regime && c.Recipient == o.Recipient).ToList();
            var firedSummaries = old?.Checkpoints.Where(c => c.FiredAt is not null).ToList() ?? [];
            var summaries = firedSummaries
                .Concat(planned.Where(c => !fired.Contains(Key(c))).Select(c => new CheckpointSummary(c.Name, c.DueAt, null, c.LadderAction)))
                .OrderBy(c => c.DueAt).ToList();
            if (old is null)
            {
                changes.Add($"{o.Regime} to {o.Recipient} now applies" + (o.Deadline is { } d ? $", due {d:yyyy-MM-dd HH:mm} UTC" : ""));
                revised.Add(new ObligationSummary(o.Regime, o.Recipient, o.Deadline, o.DeadlineKind, InitialStatus(o.Deadline), summaries, o.Source)
                {
                    StatusReason = "added by re-assessment",
                });
                continue;
            }
            if (old.Deadline != o.Deadline)
            {
                changes.Add($"{o.Regime} deadline {Format(old.Deadline)} -> {Format(o.Deadline)}");
            }
            var status = old.Status is "Submitted" or "Late" or "OnHold" ? old.Status : InitialStatus(o.Deadline);
            revised.Add(old with { Deadline = o.Deadline, DeadlineKind = o.DeadlineKind, Status = status, Checkpoints = summaries, Source = o.Source });
        }
        foreach (var gone in obligations.Where(x => !revised.Any(r => r.Regime == x.Regime && r.Recipient == x.Recipient)))
        {
            if (gone.Status != "NotRequired")
            {
                changes.Add($"{gone.Regime} to {gone.Recipient} no longer applies");
            }
            // Kept, not dropped: the record shows the duty was once due and why it went away.
            revised.Add(gone with
            {
                Status = gone.Status == "Submitted" ? gone.Status : "NotRequired",
                StatusReason = gone.Status == "Submitted" ? gone.StatusReason : "no longer applies after re-assessment",
            });
        }
        checkpoints.RemoveAll(c => !fired.Contains(Key(c)));
        checkpoints.AddRange(plan.Checkpoints.Where(c => !fired.Contains(Key(c))));
        obligations = revised;
        Plan = plan with { Containment = previous.Containment };
        var s = plan.Assessment.Severity;
        Summary = Summary with
        {
            Severity = new SeveritySummary(s.Level, s.EnisaScore, s.EnisaLevel),
            DataCategories = plan.DataCategories,
            Obligations = [.. obligations],
        };
        return changes;
    }

    private async Task ApplyHold(LawEnforcementHold hold)
    {
        var covered = obligations.Where(o => hold.Covers(o.Regime)).Select(o => (o.Regime, o.Recipient)).ToList();
        foreach (var (regime, recipient) in covered)
        {
            UpdateObligation(regime, recipient, o => hold.Lift
                ? o with
                {
                    Hold = null,
                    Status = o.Status != "OnHold" ? o.Status : o.Deadline is { } d && d <= Now ? "Late" : InitialStatus(o.Deadline),
                    ReasonsForDelayRequired = o.ReasonsForDelayRequired || (o.Status == "OnHold" && o.Deadline is { } dl && dl <= Now),
                    StatusReason = "law-enforcement hold lifted",
                }
                : o with
                {
                    Hold = hold,
                    Status = o.Status is "Submitted" or "NotRequired" ? o.Status : "OnHold",
                    StatusReason = $"held at the request of {hold.RequestedBy}: {hold.Reason}",
                });
        }
        Summary = Summary with { Obligations = [.. obligations] };
        if (covered.Count == 0)
        {
            await Evidence(hold.Lift ? "obligation.hold-lifted" : EvidenceKinds.ObligationHeld, "law-enforcement:" + hold.RequestedBy,
                $"Hold request covers no obligation of this incident: {hold.Reason}",
                new JsonObject { ["requester"] = hold.RequestedBy, ["reason"] = hold.Reason, ["lift"] = hold.Lift });
        }
        // One record per obligation, so the report and the register can show each notice's hold beside its deadline.
        foreach (var (regime, recipient) in covered)
        {
            await Evidence(hold.Lift ? "obligation.hold-lifted" : EvidenceKinds.ObligationHeld, "law-enforcement:" + hold.RequestedBy,
                $"{regime} to {recipient}: " + (hold.Lift ? "hold lifted" : "notice held") + $" at the request of {hold.RequestedBy}: {hold.Reason}",
                new JsonObject
                {
                    ["regime"] = regime,
                    ["recipient"] = recipient,
                    ["requester"] = hold.RequestedBy,
                    ["reason"] = hold.Reason,
                    ["lift"] = hold.Lift,
                });
        }
    }

    private void UpdateObligation(string regime, string recipient, Func<ObligationSummary, ObligationSummary> change)
    {
        obligations = obligations.Select(o => o.Regime == regime && o.Recipient == recipient ? change(o) : o).ToList();
        Summary = Summary with { Obligations = [.. obligations] };
    }

    private string InitialStatus(DateTimeOffset? deadline) =>
        deadline is { } d && Horizon is { } h && d > h ? "Scheduled" : "Pending";

    private static (string, string, string) Key(PlannedCheckpoint c) => (c.Regime, c.Recipient, c.Name);

    private static string Format(DateTimeOffset? at) =>
        at is { } d ? d.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "none";
}
