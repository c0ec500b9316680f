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
internal static class NoticeDesk
{
    /// <summary>Regimes with a template, and the template that drafts their notice.</summary>
    private static readonly IReadOnlyDictionary<string, string> Templates = Assessment.RegimeCatalog.Default.TemplatesByRegime;

    /// <summary>How long a review link stays usable after the notice's deadline (incident time): a late notice still has to go.</summary>
    private static readonly TimeSpan LinkGrace = TimeSpan.FromDays(30);

    public static async Task DraftAsync(IncidentRun run, IncidentPlan plan)
    {
        var obligations = run.Summary.Obligations;
        var open = obligations.Where(o => o.Status is "Pending" or "Scheduled").Select(o => o.Regime).Distinct().ToList();
        for (var i = 0; i < obligations.Count; i++)
        {
            var o = obligations[i];
            // Scheduled (due beyond a drill's horizon) is drafted too: the duty is real, only the drill stops watching it.
            if (o.Status is not ("Pending" or "Scheduled") || !Templates.TryGetValue(o.Regime, out var template))
            {
                continue;
            }
            var noticeId = $"{o.Regime}-{i + 1}";
            var floor = run.Context.CurrentUtcDateTime.AddSeconds(run.Input.Runtime.HumanWaitFloorSeconds * 10);
            var expires = run.Clock.ToReal((o.Deadline ?? run.Now) + LinkGrace);
            var request = new NoticeDraftRequest(run.Input.IncidentId, noticeId, o.Regime, o.Recipient, template, o.Deadline,
                run.Input.OpenedAt, run.Now, new DateTimeOffset(expires > floor ? expires : floor, TimeSpan.Zero),
                plan.Assessment.Severity.Level, plan.AiSystemId, plan.DataCategories,
                run.Signals.Max(s => s.SubjectCount ?? 0), run.Signals.SelectMany(s => s.Jurisdictions).Distinct().ToList(),
                run.Signals.Any(s => s.Malicious), run.Signals.Count,
                run.Summary.Containment.Where(c => c.Status is "Succeeded" or "AlreadyDone").Select(c => $"{c.Action}: {c.Detail}").ToList(),
                open, run.Sender);
            var draft = await run.Context.CallActivityAsync<NoticeDraftResult>(nameof(DraftNoticeActivity), request, IncidentRun.ActivityRetry);
            run.Notices[noticeId] = (o.Regime, o.Recipient, template);
            run.RecordNotification(new NotificationSummary(LedgeredMailSender.Channel, template, draft.ReviewTo, run.Now));
            await run.Evidence("notice.drafted", "system", $"{draft.Title} for {o.Recipient} drafted; review link sent to {draft.ReviewTo}",
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
    public static async Task SubmittedAsync(IncidentRun run, ApprovalDecision decision)
    {
        if (decision.NoticeId is null || !run.Notices.TryGetValue(decision.NoticeId, out var notice))
        {
            await run.Evidence("event.ignored", "approver:" + decision.DecidedBy, $"Submission for unknown notice '{decision.NoticeId}' ignored");
            return;
        }
        if (run.Summary.Obligations.Any(o => o.Regime == notice.Regime && o.Recipient == notice.Recipient && o.Status == "Submitted"))
        {
            await run.Evidence("event.ignored", "approver:" + decision.DecidedBy, $"{notice.Regime} notice was already recorded as submitted");
            return;
        }

        if (notice.Template == NoticeTemplates.GdprArt34DataSubjects)
        {
            await run.Evidence("notice.approved", "approver:" + decision.DecidedBy, $"Notice to data subjects approved for sending by {decision.DecidedBy}",
                new JsonObject { ["noticeId"] = decision.NoticeId, ["regime"] = notice.Regime, ["by"] = decision.DecidedBy });
            var subjects = run.Signals.Max(s => s.SubjectCount ?? 0);
            var handOff = await run.Context.CallActivityAsync<BulkHandOffResult>(nameof(HandOffDataSubjectNoticeActivity),
                new BulkHandOffRequest(run.Input.IncidentId, decision.NoticeId, subjects, decision.DecidedBy), IncidentRun.ActivityRetry);
            run.RecordNotification(new NotificationSummary("bulk", notice.Template, $"{handOff.Channel} (~{handOff.ApproxRecipients} data subjects)", run.Now));
            await run.Evidence("notice.handed-off", "system", $"Notice to ~{handOff.ApproxRecipients} data subjects handed to bulk channel {handOff.Channel}",
                new JsonObject { ["noticeId"] = decision.NoticeId, ["channel"] = handOff.Channel, ["approxRecipients"] = handOff.ApproxRecipients });
            await run.Evidence("notice.hand-off-confirmed", "channel:" + handOff.Channel, $"Bulk channel {handOff.Channel} confirmed the hand-off ({handOff.ConfirmationId})",
                new JsonObject { ["noticeId"] = decision.NoticeId, ["channel"] = handOff.Channel, ["confirmation"] = handOff.ConfirmationId });
        }

        run.MarkSubmitted(notice.Regime, notice.Recipient, run.Now, decision.ReferenceNumber);
        await run.Evidence(EvidenceKinds.ObligationSubmitted, "approver:" + decision.DecidedBy,
            $"{notice.Regime} notice to {notice.Recipient} marked submitted by {decision.DecidedBy}"
                + (decision.ReferenceNumber is null ? "" : $" (reference {decision.ReferenceNumber})"),
            new JsonObject
            {
                ["noticeId"] = decision.NoticeId,
                ["regime"] = notice.Regime,
                ["recipient"] = notice.Recipient,
                ["by"] = decision.DecidedBy,
                ["reference"] = decision.ReferenceNumber,
            });
        await run.Anchor($"notice {notice.Regime} submitted");
        await run.Publish();
    }
}
