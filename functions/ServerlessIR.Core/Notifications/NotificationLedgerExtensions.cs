namespace ServerlessIR.Core.Notifications;

/// <summary>The one way every sender uses the ledger: skip what was sent, record the attempt, send, record it sent.</summary>
public static class NotificationLedgerExtensions
{
    /// <summary>
    /// Runs <paramref name="send"/> unless <paramref name="idempotencyKey"/> is already recorded as sent. An attempt that
    /// failed after the transport accepted the message may still send twice: the ledger narrows at-least-once, it cannot
    /// make a remote call exactly-once.
    /// </summary>
    public static async Task SendOnceAsync(
        this INotificationLedger ledger,
        string idempotencyKey,
        string channel,
        string template,
        string recipients,
        TimeProvider time,
        Func<CancellationToken, Task> send,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(send);
        if ((await ledger.GetAsync(idempotencyKey, cancellationToken))?.State == NotificationState.Sent)
        {
            return;
        }
        await ledger.RecordAttemptAsync(idempotencyKey, channel, template, recipients, cancellationToken);
        await send(cancellationToken);
        await ledger.RecordSentAsync(idempotencyKey, time.GetUtcNow(), cancellationToken);
    }
}
