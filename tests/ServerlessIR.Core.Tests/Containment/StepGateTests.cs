using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.Core.Tests.Containment;

public sealed class StepGateTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryContainmentBudget budget = new();
    private readonly SwitchableKillSwitch killSwitch = new();

    private StepGate Gate(Playbook? playbook = null) =>
        new(budget, killSwitch, new StaticPlaybookProvider(playbook ?? PlaybookLoader.LoadDefault()));

    private static StepGateInput Step(string action = "keyvault.rotate-secret", SourceTrust trust = SourceTrust.Trusted, bool irreversible = false,
        bool customerFacing = false, bool approvalRequired = false, LastTierDefault? silence = null, string incident = "inc-1", int perDay = 10) =>
        new(incident, 4, action, "bnpl-credit-scoring", approvalRequired, irreversible, customerFacing, silence,
            new AutomationBudget { PerIncident = 1, PerDay = perDay }, trust, trust == SourceTrust.Trusted ? "alert source 'salesforce-relay'" : "source '/x' matches none", Noon);

    [Fact]
    public async Task DecideAsync_TrustedIrreversibleWithinBudget_RunsAndTakesASlot()
    {
        var decision = await Gate().DecideAsync(Step(irreversible: true));

        Assert.Equal(StepGateVerdict.Run, decision.Verdict);
        Assert.Equal(StepGateReason.Automatic, decision.Reason);
        Assert.Single(budget.Requests);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task DecideAsync_UntrustedIrreversibleOrCustomerFacing_AsksAndHoldsOnSilenceWithoutSpendingBudget(bool irreversible, bool customerFacing)
    {
        var decision = await Gate().DecideAsync(Step(trust: SourceTrust.Untrusted, irreversible: irreversible, customerFacing: customerFacing,
            silence: LastTierDefault.Proceed));

        Assert.Equal(StepGateVerdict.Ask, decision.Verdict);
        Assert.Equal(StepGateReason.UntrustedSource, decision.Reason);
        Assert.Equal(LastTierDefault.Hold, decision.DefaultAfterLastTier);
        Assert.Contains("source '/x' matches none", decision.Detail, StringComparison.Ordinal);
        Assert.Empty(budget.Requests);
    }

    [Fact]
    public async Task DecideAsync_UntrustedHarmlessStep_Runs()
    {
        var decision = await Gate().DecideAsync(Step(action: "salesforce.revoke-oauth-tokens", trust: SourceTrust.Untrusted));

        Assert.Equal(StepGateVerdict.Run, decision.Verdict);
    }

    [Fact]
    public async Task DecideAsync_ApprovalRequiredIrreversibleWithoutOwnDefault_AsksAndHolds()
    {
        var irreversible = await Gate().DecideAsync(Step(approvalRequired: true, irreversible: true));
        var reversible = await Gate().DecideAsync(Step(approvalRequired: true, customerFacing: true));
        var ownDefault = await Gate().DecideAsync(Step(approvalRequired: true, irreversible: true, silence: LastTierDefault.Proceed));

        Assert.Equal((StepGateVerdict.Ask, StepGateReason.ApprovalRequired, (LastTierDefault?)LastTierDefault.Hold),
            (irreversible.Verdict, irreversible.Reason, irreversible.DefaultAfterLastTier));
        Assert.Null(reversible.DefaultAfterLastTier);
        Assert.Equal(LastTierDefault.Proceed, ownDefault.DefaultAfterLastTier);
        Assert.Empty(budget.Requests);
    }

    [Fact]
    public async Task DecideAsync_KillSwitchSetting_AsksForEveryStepEvenTrustedOnes()
    {
        killSwitch.On = true;

        var decision = await Gate().DecideAsync(Step(action: "salesforce.preserve-event-logs"));

        Assert.Equal((StepGateVerdict.Ask, StepGateReason.KillSwitch), (decision.Verdict, decision.Reason));
        Assert.Contains("test switch", decision.Detail, StringComparison.Ordinal);
        Assert.Equal(LastTierDefault.Hold, decision.DefaultAfterLastTier);
    }

    [Fact]
    public async Task DecideAsync_KillSwitchInPlaybook_Asks()
    {
        var playbook = PlaybookLoader.LoadDefault();
        playbook = playbook with { Containment = playbook.Containment with { KillSwitch = true } };

        var decision = await Gate(playbook).DecideAsync(Step());

        Assert.Equal(StepGateReason.KillSwitch, decision.Reason);
        Assert.Contains("containment.killSwitch", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_PastPerDayBudget_AsksAndSaysWhy()
    {
        var gate = Gate();
        Assert.Equal(StepGateVerdict.Run, (await gate.DecideAsync(Step(incident: "inc-1", perDay: 1))).Verdict);

        var second = await gate.DecideAsync(Step(incident: "inc-2", perDay: 1));

        Assert.Equal((StepGateVerdict.Ask, StepGateReason.OverBudget), (second.Verdict, second.Reason));
        Assert.Equal(LastTierDefault.Hold, second.DefaultAfterLastTier);
        Assert.Contains("budget 1", second.Detail, StringComparison.Ordinal);
        Assert.StartsWith("ask (over-budget): ", second.Summary, StringComparison.Ordinal);
    }
}
