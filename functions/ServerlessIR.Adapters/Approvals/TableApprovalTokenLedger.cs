using Azure;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Approvals;

/// <summary>
/// The used-once ledger on Table Storage: consuming is an insert, and Table Storage's 409 on a duplicate insert is the
/// atomic "already used", so two approvers racing on one link cannot both win.
/// </summary>
public sealed class TableApprovalTokenLedger : IApprovalTokenLedger
{
    private const string Partition = "token";

    private readonly TableClient table;
    private readonly TimeProvider time;

    public TableApprovalTokenLedger(TableServiceClient service, TableNames names, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(time);
        table = service.GetTableClient(names.ApprovalTokens);
        this.time = time;
    }

    public async Task<bool> TryConsumeAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, tokenId) { ["ConsumedAt"] = time.GetUtcNow() }, cancellationToken);
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
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, tokenId, ["RowKey"], cancellationToken);
        return row.HasValue;
    }

    public async Task ReleaseAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        await table.DeleteEntityAsync(Partition, tokenId, ETag.All, cancellationToken);
    }
}
