namespace ServerlessIR.Core.Notifications;

/// <summary>One idempotency key's record in the send ledger; also what the drill report lists under notifications.</summary>
public sealed record NotificationLedgerEntry
{
    public required string IdempotencyKey { get; init; }
    public required string Channel { get; init; }
    public required string Template { get; init; }
    public required string Recipients { get; init; }
    public required NotificationState State { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? SentAt { get; init; }
}
