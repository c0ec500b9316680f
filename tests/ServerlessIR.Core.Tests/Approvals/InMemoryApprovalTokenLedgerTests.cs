using ServerlessIR.Core.Approvals;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.Core.Tests.Approvals;

public sealed class InMemoryApprovalTokenLedgerTests
{
    [Fact]
    public async Task TryConsume_SecondTime_ReturnsFalse()
    {
        var ledger = new InMemoryApprovalTokenLedger();
        Assert.False(await ledger.IsConsumedAsync("t1"));
        Assert.True(await ledger.TryConsumeAsync("t1"));
        Assert.False(await ledger.TryConsumeAsync("t1"));
        Assert.True(await ledger.IsConsumedAsync("t1"));
    }

    [Fact]
    public async Task Release_AfterConsume_AllowsOneMoreConsume()
    {
        var ledger = new InMemoryApprovalTokenLedger();
        await ledger.TryConsumeAsync("t1");
        await ledger.ReleaseAsync("t1");
        Assert.True(await ledger.TryConsumeAsync("t1"));
    }
}
