using Azure;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Approvals;

/// <summary>
/// The used-once ledger on Table Storage: consuming is an insert, and Table Storage's 409 on a duplicate insert is the
/// atomic "already used", so two approvers racing on one link cannot both win. Decisions per step and tier are rows of
/// their own (partition <c>decision</c>), refereed the same way, so two links to one step cannot both decide it.
/// </summary>
public sealed class TableApprovalTokenLedger : IApprovalTokenLedger
{
    private const string Partition = "token";
    private const string DecisionPartition = "decision";

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

    public async Task<StandingDecision?> TryRecordDecisionAsync(string decisionKey, StandingDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(decisionKey);
        ArgumentNullException.ThrowIfNull(decision);
        var row = DecisionRow(decisionKey);
        try
        {
            await table.AddEntityAsync(new TableEntity(DecisionPartition, row)
            {
                ["Outcome"] = decision.Outcome.ToString(),
                ["DecidedBy"] = decision.DecidedBy,
                ["DecidedAt"] = decision.DecidedAt,
            }, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The insert is the race's referee: whoever inserted first decided; everyone else reads what stands.
            var standing = (await table.GetEntityAsync<TableEntity>(DecisionPartition, row, cancellationToken: cancellationToken)).Value;
            return new StandingDecision(Enum.Parse<ApprovalOutcome>(standing.GetString("Outcome")), standing.GetString("DecidedBy"),
                standing.GetDateTimeOffset("DecidedAt") ?? decision.DecidedAt);
        }
    }

    public async Task ForgetDecisionAsync(string decisionKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(decisionKey);
        await table.DeleteEntityAsync(DecisionPartition, DecisionRow(decisionKey), ETag.All, cancellationToken);
    }

    /// <summary>A row key for any decision key: action IDs and tiers are free text as far as Table keys go ('/', '#', '?').</summary>
    private static string DecisionRow(string decisionKey) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(decisionKey));
}
