namespace ServerlessIR.Core.Notifications;

/// <summary>
/// The bulk-mail service that carries approved notices to data subjects (Graph mail is capped at about 10,000
/// recipients a day per mailbox). A hand-off with a known idempotency key returns the first hand-off's confirmation.
/// </summary>
public interface IBulkNoticeChannel
{
    /// <summary>Hands the notice over; returns the channel's confirmation ID.</summary>
    Task<string> HandOffAsync(BulkNoticeHandOff handOff, CancellationToken cancellationToken = default);
}
