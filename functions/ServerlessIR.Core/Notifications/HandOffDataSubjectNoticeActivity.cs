using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Hands an approved GDPR Art. 34 notice to the configured bulk channel (Graph mail is capped at about 10,000 recipients
/// a day per mailbox) and returns the channel's confirmation.
/// </summary>
/// <remarks>Runs at least once: the hand-off carries an idempotency key, and the channel answers a repeat with the first confirmation.</remarks>
[DurableTask(nameof(HandOffDataSubjectNoticeActivity))]
public sealed class HandOffDataSubjectNoticeActivity(
    IBulkNoticeChannel channel,
    INoticeDraftStore drafts,
    INotificationLedger ledger,
    IPlaybookProvider playbooks,
    TimeProvider time) : TaskActivity<BulkHandOffRequest, BulkHandOffResult>
{
    public override async Task<BulkHandOffResult> RunAsync(TaskActivityContext context, BulkHandOffRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = playbooks.Current.Notifications.DataSubjectChannel
            ?? throw new ArgumentException("The playbook names no data-subject bulk channel (notifications.dataSubjectChannel).", nameof(input));
        var draft = await drafts.GetAsync(input.IncidentId, input.NoticeId)
            ?? throw new ArgumentException($"No drafted notice '{input.NoticeId}' for incident {input.IncidentId}.", nameof(input));
        var key = $"{input.IncidentId}/notice/{input.NoticeId}/bulk";
        await ledger.RecordAttemptAsync(key, "bulk", NoticeTemplates.GdprArt34DataSubjects, settings.Name);
        var confirmation = await channel.HandOffAsync(new BulkNoticeHandOff(key, settings.Name, input.IncidentId, input.NoticeId,
            draft.Title, draft.BodyHtml, $"incident:{input.IncidentId}:affected-subjects", input.ApproxRecipients));
        await ledger.RecordSentAsync(key, time.GetUtcNow());
        return new BulkHandOffResult(settings.Name, confirmation, input.ApproxRecipients);
    }
}
