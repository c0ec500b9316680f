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
        await ledger.SendOnceAsync(message.IdempotencyKey, message.Channel, message.Template, message.Channel, time,
            ct => inner.PostCardAsync(message, ct), cancellationToken);
    }
}
