using System.Collections.Concurrent;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.TestSupport.Fakes;

/// <summary>A process-local send ledger for tests and tools; hosts use the table ledger so a restart remembers.</summary>
public sealed class InMemoryNotificationLedger : INotificationLedger
{
    private readonly ConcurrentDictionary<string, NotificationLedgerEntry> entries = new(StringComparer.Ordinal);

    public IReadOnlyCollection<NotificationLedgerEntry> Entries => entries.Values.ToList();

    public Task<NotificationLedgerEntry?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(entries.GetValueOrDefault(idempotencyKey));

    public Task RecordAttemptAsync(string idempotencyKey, string channel, string template, string recipients, CancellationToken cancellationToken = default)
    {
        entries.AddOrUpdate(
            idempotencyKey,
            _ => new NotificationLedgerEntry
            {
                IdempotencyKey = idempotencyKey, Channel = channel, Template = template, Recipients = recipients,
                State = NotificationState.Sending, Attempts = 1,
            },
            (_, existing) => existing with { State = NotificationState.Sending, Attempts = existing.Attempts + 1 });
        return Task.CompletedTask;
    }

    public Task RecordSentAsync(string idempotencyKey, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        entries.AddOrUpdate(
            idempotencyKey,
            _ => throw new InvalidOperationException("RecordSentAsync without a recorded attempt."),
            (_, existing) => existing with { State = NotificationState.Sent, SentAt = sentAt });
        return Task.CompletedTask;
    }
}
