using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Notifications;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Tests.Approvals;

/// <summary>The table ledgers against the run's Azurite (<see cref="TestAzurite"/>), each test with a storage prefix of its own.</summary>
[Trait("Category", "Storage")]
[Collection(Evidence.AzuriteCollection.Name)]
public sealed class TableLedgersTests(AzuriteFixture azurite)
{
    private TableServiceClient Service() => azurite.Tables;

    private async Task<TableNames> UniqueNamesAsync(string hint)
    {
        var names = new TableNames(new StorageOptions { Prefix = TestStorageAccount.NewPrefix(hint) });
        await azurite.CreateAsync(names);
        return names;
    }

    [Fact]
    public async Task TableApprovalTokenLedger_ConsumeTwice_SecondIsRefused()
    {
        var ledger = new TableApprovalTokenLedger(Service(), await UniqueNamesAsync("tok"), TimeProvider.System);
        Assert.False(await ledger.IsConsumedAsync("n-1"));
        Assert.True(await ledger.TryConsumeAsync("n-1"));
        Assert.False(await ledger.TryConsumeAsync("n-1"));
        Assert.True(await ledger.IsConsumedAsync("n-1"));
        await ledger.ReleaseAsync("n-1");
        Assert.True(await ledger.TryConsumeAsync("n-1"));
    }

    [Fact]
    public async Task TableApprovalTokenLedger_TryConsume_StampsTheTimeProvidersNow()
    {
        var names = await UniqueNamesAsync("tokclock");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.Zero));
        var ledger = new TableApprovalTokenLedger(Service(), names, clock);

        Assert.True(await ledger.TryConsumeAsync("n-2"));

        var row = await Service().GetTableClient(names.ApprovalTokens).GetEntityAsync<TableEntity>("token", "n-2");
        Assert.Equal(clock.GetUtcNow(), row.Value.GetDateTimeOffset("ConsumedAt"));
    }

    [Fact]
    public async Task TableNotificationLedger_AttemptThenSent_IsRemembered()
    {
        var names = await UniqueNamesAsync("ntf");
        var ledger = new TableNotificationLedger(Service(), names);
        const string key = "inc-1/approval/salesforce.freeze-user/security-lead";
        await ledger.RecordAttemptAsync(key, "email", "approval-request-email", "a@b");
        await ledger.RecordAttemptAsync(key, "email", "approval-request-email", "a@b");
        await ledger.RecordSentAsync(key, new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

        var reread = await new TableNotificationLedger(Service(), names).GetAsync(key);
        Assert.NotNull(reread);
        Assert.Equal(NotificationState.Sent, reread.State);
        Assert.Equal(2, reread.Attempts);
        Assert.Equal(key, reread.IdempotencyKey);
    }
}
