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

    [Fact]
    public void Plan_SeverityRisesMidContainment_AddsOnlyNewStepsAndNeverRepeatsBegunOnes()
    {
        var ledger = new ContainmentLedger();
        ledger.Plan([new PlannedStep("salesforce.preserve-event-logs", "none"), new PlannedStep("salesforce.revoke-oauth-tokens", "none")]);
        var first = ledger.NextStep()!;
        Assert.Equal(1, ledger.Begin(first));
        ledger.Record(new ContainmentSummary(first.Action, ContainmentStatus.Succeeded, 1));

        var added = ledger.Plan([
            new PlannedStep("salesforce.preserve-event-logs", "none"),
            new PlannedStep("salesforce.revoke-oauth-tokens", "none"),
            new PlannedStep("salesforce.freeze-user", "required"),
        ]);

        Assert.Equal(["salesforce.freeze-user"], added.Select(a => a.Action));
        var second = ledger.NextStep()!;
        Assert.Equal("salesforce.revoke-oauth-tokens", second.Action);
        Assert.Equal(2, ledger.Begin(second));
        Assert.Equal("salesforce.freeze-user", ledger.NextStep()!.Action);
        Assert.Equal(["salesforce.revoke-oauth-tokens", "salesforce.freeze-user"], ledger.NotRun);
    }

    [Fact]
    public void Plan_SeverityFalls_KeepsStepsPlannedBefore()
    {
        var ledger = new ContainmentLedger();
        ledger.Plan([new PlannedStep("salesforce.preserve-event-logs", "none"), new PlannedStep("salesforce.freeze-user", "required")]);

        var added = ledger.Plan([new PlannedStep("salesforce.preserve-event-logs", "none")]);

        Assert.Empty(added);
        Assert.Equal(["salesforce.preserve-event-logs", "salesforce.freeze-user"], ledger.Planned.Select(p => p.Action));
    }

    [Fact]
    public void ReadySteps_IndependentStepsAfterPreserve_AllReadyOncePreserveEnded()
    {
        var ledger = new ContainmentLedger();
        ledger.Plan([Step("salesforce.preserve-event-logs"), Step("salesforce.revoke-oauth-tokens", "salesforce.preserve-event-logs"),
            Step("salesforce.end-sessions", "salesforce.preserve-event-logs")]);

        var first = ledger.ReadySteps();
        ledger.Begin(first[0]);
        var whilePreserving = ledger.ReadySteps();
        ledger.Record(new ContainmentSummary("salesforce.preserve-event-logs", ContainmentStatus.Succeeded, 1));
        var afterPreserve = ledger.ReadySteps();

        Assert.Equal(["salesforce.preserve-event-logs"], first.Select(s => s.Action));
        Assert.Empty(whilePreserving);
        Assert.Equal(["salesforce.revoke-oauth-tokens", "salesforce.end-sessions"], afterPreserve.Select(s => s.Action));
    }

    [Fact]
    public void ReadySteps_PredecessorNotPlannedAtThisSeverity_DoesNotHoldTheStepBack()
    {
        var ledger = new ContainmentLedger();
        ledger.Plan([Step("salesforce.end-sessions", "salesforce.freeze-user")]);

        Assert.Equal(["salesforce.end-sessions"], ledger.ReadySteps().Select(s => s.Action));
    }

    [Fact]
    public void ReadySteps_StepBegun_NeverReadyAgain()
    {
        var ledger = new ContainmentLedger();
        ledger.Plan([Step("salesforce.preserve-event-logs")]);
        ledger.Begin(ledger.ReadySteps()[0]);
        ledger.Record(new ContainmentSummary("salesforce.preserve-event-logs", ContainmentStatus.Succeeded, 1));

        ledger.Plan([Step("salesforce.preserve-event-logs"), Step("salesforce.freeze-user", "salesforce.preserve-event-logs")]);

        Assert.Equal(["salesforce.freeze-user"], ledger.ReadySteps().Select(s => s.Action));
    }

    [Fact]
    public void ReadySteps_SeverityRisesWhileAWaveRuns_AddedStepWaitsForItsRunningPredecessorOnly()
    {
        var ledger = new ContainmentLedger();
        ledger.Plan([Step("salesforce.preserve-event-logs"), Step("salesforce.revoke-oauth-tokens", "salesforce.preserve-event-logs")]);
        ledger.Begin(ledger.ReadySteps()[0]);
        ledger.Record(new ContainmentSummary("salesforce.preserve-event-logs", ContainmentStatus.Succeeded, 1));
        ledger.Begin(ledger.ReadySteps()[0]);

        var added = ledger.Plan([Step("salesforce.preserve-event-logs"), Step("salesforce.revoke-oauth-tokens", "salesforce.preserve-event-logs"),
            Step("salesforce.freeze-user", "salesforce.revoke-oauth-tokens"), Step("salesforce.end-sessions", "salesforce.preserve-event-logs")]);
        var whileRevoking = ledger.ReadySteps();
        ledger.Record(new ContainmentSummary("salesforce.revoke-oauth-tokens", ContainmentStatus.Succeeded, 1));
        ledger.Begin(whileRevoking[0]);
        var afterRevoke = ledger.ReadySteps();

        Assert.Equal(["salesforce.freeze-user", "salesforce.end-sessions"], added.Select(a => a.Action));
        Assert.Equal(["salesforce.end-sessions"], whileRevoking.Select(s => s.Action));
        Assert.Equal(["salesforce.freeze-user"], afterRevoke.Select(s => s.Action));
    }

    [Fact]
    public void Begin_EveryStepOfAWave_NumbersInPlanOrderAndNoneReadyTwice()
    {
        var ledger = new ContainmentLedger();
        ledger.Plan([Step("salesforce.preserve-event-logs"), Step("salesforce.revoke-oauth-tokens", "salesforce.preserve-event-logs"),
            Step("salesforce.end-sessions", "salesforce.preserve-event-logs"), Step("salesforce.freeze-user", "salesforce.preserve-event-logs")]);
        ledger.Begin(ledger.ReadySteps()[0]);
        ledger.Record(new ContainmentSummary("salesforce.preserve-event-logs", ContainmentStatus.Succeeded, 1));

        var numbers = ledger.ReadySteps().Select(ledger.Begin).ToList();

        Assert.Equal([2, 3, 4], numbers);
        Assert.Empty(ledger.ReadySteps());
        Assert.Equal(["salesforce.revoke-oauth-tokens", "salesforce.end-sessions", "salesforce.freeze-user"], ledger.NotRun);
    }

    private static PlannedStep Step(string action, params string[] after) => new(action, "none") { After = after };
}
