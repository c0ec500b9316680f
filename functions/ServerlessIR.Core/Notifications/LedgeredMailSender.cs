namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Wraps an <see cref="IMailSender"/> with the send ledger: a message whose idempotency key is recorded as sent is not
/// sent again. Activities run at least once; this is what makes "at least once" not mean "twice" for e-mail.
/// </summary>
public sealed class LedgeredMailSender(IMailSender inner, INotificationLedger ledger, TimeProvider time) : IMailSender
{
    public const string Channel = "email";

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message = ExerciseMarking.Mark(message);
        await ledger.SendOnceAsync(message.IdempotencyKey, Channel, message.Template, string.Join(";", message.To), time,
            ct => inner.SendAsync(message, ct), cancellationToken);
    }
}
