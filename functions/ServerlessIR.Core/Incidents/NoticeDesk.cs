using System.Text.Json.Nodes;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Drafts the notices the obligations require, right after containment, and sends each to the DPO for review; records
/// a notice the DPO marks submitted, and hands an approved data-subject notice to the bulk channel.
/// </summary>
/// <remarks>
/// Drafted after containment rather than at the ladder's draft-notice checkpoints: containment is the first moment the
/// measures taken are known, and drafting then gives the DPO the most of each clock (the NIS2 early warning is due at
/// 24 h; its draft-notice checkpoint would leave 12). The checkpoints still fire as reminders.
/// </remarks>
internal sealed class NoticeDesk(IncidentRun run)
{
    /// <summary>How long a review link stays usable after the notice's deadline (incident time): a late notice still has to go.</summary>
    private static readonly TimeSpan LinkGrace = TimeSpan.FromDays(30);

    /// <summary>The longest regulator reference kept (it goes into the obligation's status line).</summary>
    private const int ReferenceChars = 200;

    /// <summary>Drafted notices by notice ID: the obligation each one discharges, so a submission finds it deterministically.</summary>
    private readonly Dictionary<string, (string Regime, string Recipient, string Template)> drafted = new(StringComparer.Ordinal);

    /// <summary>Obligations (regime and recipient) whose notice has been drafted, or whose draft failed and is left to a person.</summary>
    private readonly HashSet<(string Regime, string Recipient)> handled = [];

    /// <summary>Whether the first drafting has run: from then on an obligation a re-assessment adds is drafted as it comes.</summary>
    private bool started;

    /// <summary>
    /// Whether an obligation needs a notice that has not been drafted: one a re-assessment added after the first drafting
    /// (the breach widened to a new country), which the clock watch drafts before it sleeps again.
    /// </summary>
    public bool HasUndrafted => started && run.State.Obligations.Obligations.Any(o => NeedsNotice(o) && !handled.Contains((o.Regime, o.Recipient))
        && Assessment.RegimeCatalog.Default.TemplateFor(o.Regime, o.Recipient) is not null);

    /// <summary>The notices drafted so far, for the next generation of a continue-as-new.</summary>
    public IReadOnlyList<DraftedNotice> Drafted =>
        [.. drafted.Select(d => new DraftedNotice(d.Key, d.Value.Regime, d.Value.Recipient, d.Value.Template))];

    /// <summary>
    /// Takes up the notices a previous generation drafted. A generation starts in the watch or the closure wait, after
    /// the first drafting, so obligations added from here on are drafted as they come. A draft that failed in an earlier
    /// generation is not carried: the new generation tries it once more.
    /// </summary>
    public void Restore(IReadOnlyList<DraftedNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            drafted[notice.NoticeId] = (notice.Regime, notice.Recipient, notice.Template);
            handled.Add((notice.Regime, notice.Recipient));
        }
        started = true;
    }

    /// <summary>
    /// Drafts every notice the obligations need that has not been drafted yet. The first call comes right after containment;
    /// later calls come from the clock watch when a re-assessment added obligations.
    /// </summary>
    public async Task DraftAsync(IncidentPlan plan)
    {
        started = true;
        var obligations = run.State.Obligations.Obligations;
        var open = obligations.Where(NeedsNotice).Select(o => o.Regime).Distinct().ToList();
        for (var i = 0; i < obligations.Count; i++)
        {
            // Events between drafts: a false positive stops the drafting, amended facts or a hold take effect first.
            await run.Inbox.DrainAsync();
            if (run.Closed)
            {
                return;
            }
            var o = run.State.Obligations.Obligations.FirstOrDefault(c => c.Regime == obligations[i].Regime && c.Recipient == obligations[i].Recipient);
            // Scheduled (due beyond a drill's horizon) is drafted too: the duty is real, only the drill stops watching it.
            if (o is null || !NeedsNotice(o) || !handled.Add((o.Regime, o.Recipient))
                || Assessment.RegimeCatalog.Default.TemplateFor(o.Regime, o.Recipient) is not { } template)
            {
                continue;
            }
            // By position, as the first drafting numbered them; a later drafting whose position was taken (a re-assessment
            // reordered the obligations) gets the next free number, so every notice ID names one notice.
            var number = i + 1;
            while (drafted.ContainsKey($"{o.Regime}-{number}"))
            {
                number += obligations.Count;
            }
            var noticeId = $"{o.Regime}-{number}";
            var floor = run.Context.CurrentUtcDateTime.AddSeconds(run.Input.Runtime.HumanWaitFloorSeconds * 10);
            // The link lives in real time; from here to the deadline the incident is taken to wait, at the scale.
            var expires = run.Time.RealWhen((o.Deadline ?? run.Now) + LinkGrace, run.Context.CurrentUtcDateTime);
            var request = new NoticeDraftRequest(run.Input.IncidentId, noticeId, o.Regime, o.Recipient, template, o.Deadline,
                run.Input.OpenedAt, run.Now, new DateTimeOffset(expires > floor ? expires : floor, TimeSpan.Zero),
                plan.Assessment.Severity.Level, plan.AiSystemId, plan.DataCategories,
                run.Signals.Max(s => s.SubjectCount ?? 0), run.Signals.SelectMany(s => s.Jurisdictions).Distinct().ToList(),
                run.Signals.Any(s => s.Malicious), run.Signals.Count,
                [.. run.State.Containment.MeasuresTaken],
                open, run.Sender);
            var draft = await run.Bookkeep(BookkeepingStep.NoticeDraft, $"notice draft {o.Regime} to {o.Recipient}", () =>
                run.Context.CallActivityAsync<NoticeDraftResult>(nameof(DraftNoticeActivity), request, IncidentRun.ActivityRetry));
            if (draft is null)
            {
                // The DPO has been told; the obligation's checkpoints still remind and escalate, and the notice is drafted by hand.
                continue;
            }
            drafted[noticeId] = (o.Regime, o.Recipient, template);
            run.State.RecordNotification(new NotificationSummary(LedgeredMailSender.Channel, template, draft.ReviewTo, run.Now));
            // From revision 2 it goes out with the record written after the drafts (or with whatever bookkeeping comes first).
            await run.EvidenceWithNext(EvidenceKinds.NoticeDrafted, "system", $"{draft.Title} for {o.Recipient} drafted; review link sent to {draft.ReviewTo}",
                new JsonObject
                {
                    ["noticeId"] = noticeId,
                    ["regime"] = o.Regime,
                    ["recipient"] = o.Recipient,
                    ["template"] = template,
                    ["deadline"] = o.Deadline,
                    ["draftHash"] = draft.Sha256,
                    ["reviewTo"] = draft.ReviewTo,
                });
        }
        await run.Publish();
    }

    /// <summary>The DPO marked a notice submitted (for a data-subject notice: approved it for sending).</summary>
    public async Task SubmittedAsync(ApprovalDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        decision = decision with
        {
            DecidedBy = BoundedText.Truncate(decision.DecidedBy, EvidenceLimits.MaxActorChars),
            ReferenceNumber = BoundedText.TruncateOptional(decision.ReferenceNumber, ReferenceChars),
        };
        if (decision.NoticeId is null || !drafted.TryGetValue(decision.NoticeId, out var notice))
        {
            await run.Evidence(EvidenceKinds.EventIgnored, "approver:" + decision.DecidedBy, $"Submission for unknown notice '{decision.NoticeId}' ignored");
            return;
        }
        if (run.State.Obligations.IsSubmitted(notice.Regime, notice.Recipient))
        {
            await run.Evidence(EvidenceKinds.EventIgnored, "approver:" + decision.DecidedBy, $"{notice.Regime} notice was already recorded as submitted");
            return;
        }

        if (notice.Template == NoticeTemplates.GdprArt34DataSubjects)
        {
            await run.Evidence(EvidenceKinds.NoticeApproved, "approver:" + decision.DecidedBy, $"Notice to data subjects approved for sending by {decision.DecidedBy}",
                new JsonObject { ["noticeId"] = decision.NoticeId, ["regime"] = notice.Regime, ["by"] = decision.DecidedBy });
            if (!await HandOffAsync(decision.NoticeId, notice.Template, run.Signals.Max(s => s.SubjectCount ?? 0), decision.DecidedBy))
            {
                // Not marked submitted: the notice has not gone, and a second approval tries the hand-off again.
                await run.Publish();
                return;
            }
        }

        var exercise = run.Input.FirstSignal.Exercise;
        run.State.Obligations.Submit(notice.Regime, notice.Recipient, run.Now, decision.ReferenceNumber, exercise);
        await run.Journal(exercise ? EvidenceKinds.ObligationExerciseSubmitted : EvidenceKinds.ObligationSubmitted, "approver:" + decision.DecidedBy,
            (exercise ? "EXERCISE: " : "") + $"{notice.Regime} notice to {notice.Recipient} marked submitted by {decision.DecidedBy}"
                + (decision.ReferenceNumber is null ? "" : $" (reference {decision.ReferenceNumber})"),
            new JsonObject
            {
                ["noticeId"] = decision.NoticeId,
                ["regime"] = notice.Regime,
                ["recipient"] = notice.Recipient,
                ["by"] = decision.DecidedBy,
                ["reference"] = decision.ReferenceNumber,
            }, anchor: $"notice {notice.Regime} submitted");
    }

    /// <summary>A notice is drafted for an open obligation; a scheduled one too (the duty is real, only a drill stops watching it).</summary>
    private static bool NeedsNotice(ObligationSummary obligation) =>
        obligation.Status is ObligationStatus.Pending or ObligationStatus.Scheduled;

    /// <summary>
    /// Hands an approved notice to data subjects to the bulk channel and records it; false when the hand-off failed. An
    /// exercise's notice is withheld instead: marking would not be enough, as the bulk channel writes to the real customers.
    /// </summary>
    private async Task<bool> HandOffAsync(string noticeId, string template, long subjects, string decidedBy)
    {
        if (run.Input.FirstSignal.Exercise)
        {
            await run.Evidence(EvidenceKinds.NoticeExerciseWithheld, "system",
                $"EXERCISE: notice to ~{subjects} data subjects approved and withheld; an exercise writes to no customer",
                new JsonObject { ["noticeId"] = noticeId, ["approxRecipients"] = subjects });
            return true;
        }
        var handOff = await run.Bookkeep(BookkeepingStep.NoticeHandOff, $"bulk hand-off of notice {noticeId}", () =>
            run.Context.CallActivityAsync<BulkHandOffResult>(nameof(HandOffDataSubjectNoticeActivity),
                new BulkHandOffRequest(run.Input.IncidentId, noticeId, subjects, decidedBy), IncidentRun.ActivityRetry));
        if (handOff is null)
        {
            return false;
        }
        run.State.RecordNotification(new NotificationSummary("bulk", template, $"{handOff.Channel} (~{handOff.ApproxRecipients} data subjects)", run.Now));
        await run.Evidence(EvidenceKinds.NoticeHandedOff, "system", $"Notice to ~{handOff.ApproxRecipients} data subjects handed to bulk channel {handOff.Channel}",
            new JsonObject { ["noticeId"] = noticeId, ["channel"] = handOff.Channel, ["approxRecipients"] = handOff.ApproxRecipients });
        await run.Evidence(EvidenceKinds.NoticeHandOffConfirmed, "channel:" + handOff.Channel, $"Bulk channel {handOff.Channel} confirmed the hand-off ({handOff.ConfirmationId})",
            new JsonObject { ["noticeId"] = noticeId, ["channel"] = handOff.Channel, ["confirmation"] = handOff.ConfirmationId });
        return true;
    }
}
