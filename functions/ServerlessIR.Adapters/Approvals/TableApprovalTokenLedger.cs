using Azure;
using Azure.Data.Tables;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Approvals;

/// <summary>
/// The used-once ledger on Table Storage: consuming is an insert, and Table Storage's 409 on a duplicate insert is the
/// atomic "already used", so two approvers racing on one link cannot both win.
/// </summary>
public sealed class TableApprovalTokenLedger : IApprovalTokenLedger
{
    public const string DefaultTableName = "approvaltokens";
    private const string Partition = "token";

    private readonly TableClient table;
    private readonly Lazy<Task> created;

    public TableApprovalTokenLedger(TableServiceClient service, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        table = service.GetTableClient(tableName);
        created = new Lazy<Task>(() => table.CreateIfNotExistsAsync());
    }

    public async Task<bool> TryConsumeAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        await created.Value;
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, tokenId) { ["ConsumedAt"] = DateTimeOffset.UtcNow }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> IsConsumedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        await created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, tokenId, ["RowKey"], cancellationToken);
        return row.HasValue;
    }

    public async Task ReleaseAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        await created.Value;
        await table.DeleteEntityAsync(Partition, tokenId, ETag.All, cancellationToken);
    }
}
