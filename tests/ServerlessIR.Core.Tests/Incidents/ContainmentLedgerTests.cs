using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class ContainmentLedgerTests
{
    [Fact]
    public void Incomplete_FailedOrHeldStep_TrueRejectedAloneFalse()
    {
        var ledger = new ContainmentLedger();
        ledger.Record(new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.Rejected, 0, "rejected by dpo"));
        Assert.False(ledger.Incomplete);

        ledger.Record(new ContainmentSummary("salesforce.end-sessions", ContainmentStatus.Held, 1, "would lock out checkout"));

        Assert.True(ledger.Incomplete);
    }

    [Fact]
    public void MeasuresTaken_MixedResults_OnlyStepsThatTookEffect()
    {
        var ledger = new ContainmentLedger();
        ledger.Record(new ContainmentSummary("salesforce.revoke-oauth-tokens", ContainmentStatus.Succeeded, 2, "3 token(s) revoked"));
        ledger.Record(new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.AlreadyDone, 1, "already frozen"));
        ledger.Record(new ContainmentSummary("salesforce.end-sessions", ContainmentStatus.Failed, 5, "timeout"));

        Assert.Equal(["salesforce.revoke-oauth-tokens: 3 token(s) revoked", "salesforce.freeze-user: already frozen"], ledger.MeasuresTaken);
    }

    [Fact]
    public void RecordUndo_CompensationsLastFirst_EachStepGetsItsOwn()
    {
        var ledger = new ContainmentLedger();
        ledger.Record(new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.Succeeded, 1));
        ledger.Record(new ContainmentSummary("salesforce.revoke-oauth-tokens", ContainmentStatus.Succeeded, 1));

        ledger.RecordUndo([("salesforce.revoke-oauth-tokens", UndoStatus.NotUndone), ("salesforce.freeze-user", UndoStatus.UndoFailed)]);

        Assert.Equal<UndoStatus?>([UndoStatus.UndoFailed, UndoStatus.NotUndone], ledger.Results.Select(r => r.Undo));
    }
}
