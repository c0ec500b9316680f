namespace ServerlessIR.Core.Notifications;

/// <summary>Wraps an <see cref="ITeamsTransport"/> with the send ledger, as <see cref="LedgeredMailSender"/> does for e-mail.</summary>
public sealed class LedgeredTeamsTransport : ITeamsTransport
{
    private readonly ITeamsTransport inner;
    private readonly INotificationLedger ledger;
    private readonly TimeProvider time;

    public LedgeredTeamsTransport(ITeamsTransport inner, INotificationLedger ledger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        this.inner = inner;
        this.ledger = ledger;
        this.time = time;
    }

    public async Task PostCardAsync(TeamsCardMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.IdempotencyKey);
        var existing = await ledger.GetAsync(message.IdempotencyKey, cancellationToken);
        if (existing?.State == NotificationState.Sent)
        {
            return;
        }
        await ledger.RecordAttemptAsync(message.IdempotencyKey, message.Channel, message.Template, message.Channel, cancellationToken);
        await inner.PostCardAsync(message, cancellationToken);
        await ledger.RecordSentAsync(message.IdempotencyKey, time.GetUtcNow(), cancellationToken);
    }
}
