using Microsoft.DurableTask;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Asks one approval tier about one containment step: resolves the tier's approvers (Entra group through Graph, else the
/// playbook's list), issues a signed one-time link bound to incident, step and tier, and sends it three ways: an e-mail
/// through Graph, a Teams activity-feed notification to each approver, and an Adaptive Card in the incident channel.
/// </summary>
/// <remarks>
/// Runs at least once. Every send carries an idempotency key (incident, step, tier, channel, recipient) checked against
/// the send ledger, so a retry does not resend what it can see was sent. A retry issues a fresh token; the links already
/// sent stay valid, because validity is signature, expiry and binding, not which nonce was issued last. The token is
/// never returned: activity outputs are stored in the durable history.
/// </remarks>
[DurableTask(nameof(RequestApprovalActivity))]
public sealed class RequestApprovalActivity(
    ApprovalTokenService tokens,
    TierApprovers approvers,
    NoticeRenderer renderer,
    IMailSender mail,
    IActivityFeedNotifier feed,
    ITeamsTransport teams,
    INotificationLedger ledger,
    IPlaybookProvider playbooks,
    TimeProvider time) : TaskActivity<ApprovalRequestInput, ApprovalRequestResult>
{
    public override async Task<ApprovalRequestResult> RunAsync(TaskActivityContext context, ApprovalRequestInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var playbook = playbooks.Current;
        var tier = playbook.Approvals.FindTier(input.Tier)
            ?? throw new ArgumentException($"The playbook has no approval tier '{input.Tier}'.", nameof(input));
        var upns = await approvers.ResolveAsync(tier);
        if (upns.Count == 0)
        {
            throw new ArgumentException($"Approval tier '{tier.Name}' has no approvers.", nameof(input));
        }

        var token = await tokens.IssueAsync(input.IncidentId, input.Action, tier.Name, ApprovalPurpose.Approval, input.ExpiresAt);
        var url = tokens.LinkFor(token);
        var model = ApprovalNoticeModel.For(playbook, input, url);
        var keyBase = $"{input.IncidentId}/approval/{input.Action}/{tier.Name}" + (input.Reminder ? "/reminder" : "");
        var subject = (input.Reminder ? "Reminder: " : "") + $"[{input.Severity}] Approval needed: {input.Action} ({input.IncidentId})"
            + (input.EscalatedFrom is null ? "" : $" — escalated, {input.EscalatedFrom} did not answer");
        var sent = new List<SentMessage>();

        await mail.SendAsync(new EmailMessage(input.Sender, upns, subject,
            renderer.Render(NoticeTemplates.ApprovalRequestEmail, model), keyBase + "/email", NoticeTemplates.ApprovalRequestEmail));
        sent.Add(new SentMessage(LedgeredMailSender.Channel, NoticeTemplates.ApprovalRequestEmail, string.Join(", ", upns)));

        foreach (var upn in upns)
        {
            var key = $"{keyBase}/activity-feed/{upn}";
            await ledger.SendOnceAsync(key, "activity-feed", NoticeTemplates.ApprovalRequestEmail, upn, time,
                ct => feed.NotifyAsync(new ActivityFeedNotification(upn, subject,
                    $"{input.Action} on {input.AiSystem ?? "an AI system"} needs your decision", url, key), ct));
            sent.Add(new SentMessage("activity-feed", NoticeTemplates.ApprovalRequestEmail, upn));
        }

        await teams.PostCardAsync(new TeamsCardMessage(renderer.Render(NoticeTemplates.ApprovalRequestCard, model),
            keyBase + "/card", NoticeTemplates.ApprovalRequestCard));
        sent.Add(new SentMessage("teams", NoticeTemplates.ApprovalRequestCard, "incident channel"));
        return new ApprovalRequestResult(upns, sent);
    }
}
