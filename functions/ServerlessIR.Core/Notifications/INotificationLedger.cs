namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Remembers which notifications went out, by idempotency key (incident + step), so an activity that runs again after
/// a crash does not resend what it can see was sent.
/// </summary>
public interface INotificationLedger
{
    Task<NotificationLedgerEntry?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Written before sending: marks the key <see cref="NotificationState.Sending"/> and counts the attempt.</summary>
    Task RecordAttemptAsync(string idempotencyKey, string channel, string template, string recipients, CancellationToken cancellationToken = default);

    /// <summary>Written after the transport accepted the message.</summary>
    Task RecordSentAsync(string idempotencyKey, DateTimeOffset sentAt, CancellationToken cancellationToken = default);
}
