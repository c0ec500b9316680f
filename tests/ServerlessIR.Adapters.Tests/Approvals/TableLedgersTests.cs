using Azure.Data.Tables;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Notifications;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Tests.Approvals;

/// <summary>The table ledgers against the run's Azurite (<see cref="TestAzurite"/>), each test in a table of its own.</summary>
[Trait("Category", "Storage")]
[Collection(Evidence.AzuriteCollection.Name)]
public sealed class TableLedgersTests(AzuriteFixture azurite)
{
    private TableServiceClient Service() => azurite.Tables;

    private static string UniqueTable(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TableApprovalTokenLedger_ConsumeTwice_SecondIsRefused()
    {
        var ledger = new TableApprovalTokenLedger(Service(), UniqueTable("tok"));
        Assert.False(await ledger.IsConsumedAsync("n-1"));
        Assert.True(await ledger.TryConsumeAsync("n-1"));
        Assert.False(await ledger.TryConsumeAsync("n-1"));
        Assert.True(await ledger.IsConsumedAsync("n-1"));
        await ledger.ReleaseAsync("n-1");
        Assert.True(await ledger.TryConsumeAsync("n-1"));
    }

    [Fact]
    public async Task TableNotificationLedger_AttemptThenSent_IsRemembered()
    {
        var table = UniqueTable("ntf");
        var ledger = new TableNotificationLedger(Service(), table);
        const string key = "inc-1/approval/salesforce.freeze-user/security-lead";
        await ledger.RecordAttemptAsync(key, "email", "approval-request-email", "a@b");
        await ledger.RecordAttemptAsync(key, "email", "approval-request-email", "a@b");
        await ledger.RecordSentAsync(key, new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

        var reread = await new TableNotificationLedger(Service(), table).GetAsync(key);
        Assert.NotNull(reread);
        Assert.Equal(NotificationState.Sent, reread.State);
        Assert.Equal(2, reread.Attempts);
        Assert.Equal(key, reread.IdempotencyKey);
    }
}
