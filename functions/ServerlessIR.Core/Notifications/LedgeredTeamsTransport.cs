namespace ServerlessIR.Core.Notifications;

/// <summary>Wraps an <see cref="ITeamsTransport"/> with the send ledger, as <see cref="LedgeredMailSender"/> does for e-mail.</summary>
public sealed class LedgeredTeamsTransport(ITeamsTransport inner, INotificationLedger ledger, TimeProvider time) : ITeamsTransport
{
    public async Task PostCardAsync(TeamsCardMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message = ExerciseMarking.Mark(message);
        await ledger.SendOnceAsync(message.IdempotencyKey, message.Channel, message.Template, message.Channel, time,
            ct => inner.PostCardAsync(message, ct), cancellationToken);
    }
}
