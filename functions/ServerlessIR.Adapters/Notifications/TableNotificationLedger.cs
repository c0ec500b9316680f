using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>
/// The send ledger on Table Storage. Idempotency keys contain characters a RowKey may not ('/'), so the row key is the
/// key's SHA-256 and the key itself is kept as a column.
/// </summary>
public sealed class TableNotificationLedger : INotificationLedger
{
    private const string Partition = "notification";

    private readonly TableClient table;

    public TableNotificationLedger(TableServiceClient service, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(names);
        table = service.GetTableClient(names.NotificationLedger);
    }

    public async Task<NotificationLedgerEntry?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(idempotencyKey), cancellationToken: cancellationToken);
        return row.HasValue ? ToEntry(row.Value!) : null;
    }

    public async Task RecordAttemptAsync(string idempotencyKey, string channel, string template, string recipients, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var rowKey = RowKey(idempotencyKey);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        var attempts = existing.HasValue ? (existing.Value!.GetInt32("Attempts") ?? 0) + 1 : 1;
        var entity = new TableEntity(Partition, rowKey)
        {
            ["IdempotencyKey"] = idempotencyKey,
            ["Channel"] = channel,
            ["Template"] = template,
            ["Recipients"] = recipients,
            ["State"] = nameof(NotificationState.Sending),
            ["Attempts"] = attempts,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task RecordSentAsync(string idempotencyKey, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var entity = new TableEntity(Partition, RowKey(idempotencyKey))
        {
            ["State"] = nameof(NotificationState.Sent),
            ["SentAt"] = sentAt,
        };
        await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private static string RowKey(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));

    private static NotificationLedgerEntry ToEntry(TableEntity row) => new()
    {
        IdempotencyKey = row.GetString("IdempotencyKey") ?? "",
        Channel = row.GetString("Channel") ?? "",
        Template = row.GetString("Template") ?? "",
        Recipients = row.GetString("Recipients") ?? "",
        State = Enum.TryParse<NotificationState>(row.GetString("State"), out var state) ? state : NotificationState.Sending,
        Attempts = row.GetInt32("Attempts") ?? 0,
        SentAt = row.GetDateTimeOffset("SentAt"),
    };
}
