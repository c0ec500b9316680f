using System.Text.Json.Nodes;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Drill;

namespace ServerlessIR.Local.Tests.Drill;

public sealed class CriteriaEvaluatorTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static IncidentSummary Incident(Func<IncidentSummary, IncidentSummary>? change = null)
    {
        var summary = new IncidentSummary
        {
            Id = "inc-1",
            Status = IncidentStatus.Contained,
            OpenedAt = Opened,
            ContainedAt = Opened.AddMinutes(12),
            TimeToContainRealSeconds = 9,
            Severity = new SeveritySummary("SEV1", 3.75, "high"),
            Signals = 3,
            Containment =
            [
                new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.Succeeded, 1),
                new ContainmentSummary("ai-feature.fallback", ContainmentStatus.Succeeded, 1),
            ],
            Approvals =
            [
                new ApprovalSummary("salesforce.freeze-user", 1, ApprovalResult.TimedOut, null, null),
                new ApprovalSummary("salesforce.freeze-user", 2, ApprovalResult.Approved, "dpo@northwind.example", 1_200),
            ],
            Obligations =
            [
                new ObligationSummary("gdpr-art33", "DPA", Opened.AddHours(72), "fixed", ObligationStatus.Submitted, []),
                new ObligationSummary("gdpr-art34", "data subjects", null, "without-undue-delay", ObligationStatus.Pending, []),
            ],
        };
        return change is null ? summary : change(summary);
    }

    private static DrillReport Report(params IncidentSummary[] summaries) => Report(true, summaries);

    private static DrillReport Report(bool verified, params IncidentSummary[] summaries) =>
        new("test", 3600, 10, [.. summaries.Select(s => new DrillReport.Incident(s, new EvidenceVerification(verified, 10, "sha256:x", verified ? null : 4, verified ? null : "hash mismatch", 1)))], new JsonObject());

    private static CriterionResult Single(ScenarioCriteria criteria, DrillReport report) => Assert.Single(CriteriaEvaluator.Evaluate(criteria, report));

    [Fact]
    public void Evaluate_NoCriteriaSet_JudgesNothing()
    {
        Assert.Empty(CriteriaEvaluator.Evaluate(new ScenarioCriteria(), Report(Incident())));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void Evaluate_Incidents_PassesOnlyOnTheExactCount(int expected, bool passed)
    {
        var result = Single(new ScenarioCriteria(Incidents: expected), Report(Incident()));

        Assert.Equal(passed, result.Passed);
        Assert.Equal("1", result.Measured);
    }

    [Theory]
    [InlineData("Contained", true)]
    [InlineData("FalsePositive", false)]
    public void Evaluate_Status_ComparesEveryIncident(string expected, bool passed)
    {
        var result = Single(new ScenarioCriteria(Status: expected), Report(Incident()));

        Assert.Equal(passed, result.Passed);
        Assert.Equal("Contained", result.Measured);
    }

    [Theory]
    [InlineData("SEV1", true)]
    [InlineData("SEV2", false)]
    public void Evaluate_Severity_ComparesTheLevel(string expected, bool passed)
    {
        Assert.Equal(passed, Single(new ScenarioCriteria(Severity: expected), Report(Incident())).Passed);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Evaluate_EvidenceVerified_FailsOnABrokenChain(bool verified, bool passed)
    {
        var result = Single(new ScenarioCriteria(EvidenceVerified: true), Report(verified, Incident()));

        Assert.Equal(passed, result.Passed);
        Assert.Equal(verified ? "1/1 verified" : "0/1 verified", result.Measured);
    }

    [Fact]
    public void Evaluate_NoDeadlineMissed_FailsOnALateObligationAndNamesIt()
    {
        var late = Incident(s => s with { Obligations = [new ObligationSummary("nis2-early-warning", "CSIRT", Opened.AddHours(24), "fixed", ObligationStatus.Late, [])] });

        Assert.True(Single(new ScenarioCriteria(NoDeadlineMissed: true), Report(Incident())).Passed);
        var failed = Single(new ScenarioCriteria(NoDeadlineMissed: true), Report(late));
        Assert.False(failed.Passed);
        Assert.Contains("nis2-early-warning", failed.Measured, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(10, false)]
    public void Evaluate_ContainedWithinIncidentMinutes_MeasuresOpeningToContainment(double limit, bool passed)
    {
        var result = Single(new ScenarioCriteria(ContainedWithinIncidentMinutes: limit), Report(Incident()));

        Assert.Equal(passed, result.Passed);
        Assert.Equal("12 incident min", result.Measured);
    }

    [Fact]
    public void Evaluate_ContainedWithinIncidentMinutes_NotContainedFails()
    {
        var result = Single(new ScenarioCriteria(ContainedWithinIncidentMinutes: 10_000), Report(Incident(s => s with { ContainedAt = null })));

        Assert.False(result.Passed);
        Assert.Equal("not contained", result.Measured);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(5, false)]
    public void Evaluate_ContainedWithinRealSeconds_TakesTheWorstIncident(double limit, bool passed)
    {
        var slower = Incident(s => s with { Id = "inc-2", TimeToContainRealSeconds = 7 });

        var result = Single(new ScenarioCriteria(ContainedWithinRealSeconds: limit), Report(Incident(), slower));

        Assert.Equal(passed, result.Passed);
        Assert.Equal("9 s", result.Measured);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(15, false)]
    public void Evaluate_FirstApprovalWithinIncidentMinutes_MeasuresTheFirstPersonsDecision(double limit, bool passed)
    {
        var result = Single(new ScenarioCriteria(FirstApprovalWithinIncidentMinutes: limit), Report(Incident()));

        Assert.Equal(passed, result.Passed);
        Assert.Equal("20 incident min", result.Measured);
    }

    [Fact]
    public void Evaluate_FirstApprovalWithinIncidentMinutes_NobodyDecidedFails()
    {
        var silent = Incident(s => s with { Approvals = [new ApprovalSummary("salesforce.freeze-user", 3, ApprovalResult.ProceededByDefault, "playbook default", null)] });

        var result = Single(new ScenarioCriteria(FirstApprovalWithinIncidentMinutes: 1_000), Report(silent));

        Assert.False(result.Passed);
        Assert.Equal("no person decided", result.Measured);
    }

    [Fact]
    public void Evaluate_FallbackHealthy_NeedsTheStepDoneAndCheckoutServed()
    {
        var served = Report(Incident()) with { CheckoutTraffic = new CheckoutTrafficResult(100, 40, 60, 0) };
        var dropped = Report(Incident()) with { CheckoutTraffic = new CheckoutTrafficResult(100, 40, 55, 5, "checkout-fraud-scoring: fallback answered HTTP 503") };
        var held = Report(Incident(s => s with { Containment = [new ContainmentSummary("ai-feature.fallback", ContainmentStatus.Held, 1)] }));

        Assert.True(Single(new ScenarioCriteria(FallbackHealthy: true), served).Passed);
        var failed = Single(new ScenarioCriteria(FallbackHealthy: true), dropped);
        Assert.False(failed.Passed);
        Assert.Contains("5 failed", failed.Measured, StringComparison.Ordinal);
        Assert.False(Single(new ScenarioCriteria(FallbackHealthy: true), held).Passed);
    }

    [Fact]
    public void Evaluate_AllAlertsCounted_ComparesSignalsWithAcceptedAlerts()
    {
        var counted = Report(Incident()) with { Alerts = new DrillAlertTally(4, 1, 2, 1, 0) };
        var lost = Report(Incident()) with { Alerts = new DrillAlertTally(5, 1, 3, 1, 0) };

        Assert.True(Single(new ScenarioCriteria(AllAlertsCounted: true), counted).Passed);
        var failed = Single(new ScenarioCriteria(AllAlertsCounted: true), lost);
        Assert.False(failed.Passed);
        Assert.StartsWith("3 counted of 4 accepted", failed.Measured, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ObligationsOnHold_CountsHeldObligations()
    {
        var held = Incident(s => s with { Obligations = [new ObligationSummary("gdpr-art34", "data subjects", null, "without-undue-delay", ObligationStatus.OnHold, [])] });

        Assert.True(Single(new ScenarioCriteria(ObligationsOnHold: 1), Report(held)).Passed);
        var failed = Single(new ScenarioCriteria(ObligationsOnHold: 1), Report(Incident()));
        Assert.False(failed.Passed);
        Assert.Equal("0", failed.Measured);
    }

    [Theory]
    [InlineData("proceed", true)]
    [InlineData("hold", false)]
    public void Evaluate_ApprovalDefault_MatchesThePlaybooksDefault(string expected, bool passed)
    {
        var silent = Incident(s => s with { Approvals = [new ApprovalSummary("salesforce.freeze-user", 3, ApprovalResult.ProceededByDefault, "playbook default", null)] });

        Assert.Equal(passed, Single(new ScenarioCriteria(ApprovalDefault: expected), Report(silent)).Passed);
        Assert.False(Single(new ScenarioCriteria(ApprovalDefault: expected), Report(Incident())).Passed);
    }

    [Fact]
    public void Evaluate_RegimesInclude_NamesTheMissingRegime()
    {
        Assert.True(Single(new ScenarioCriteria(RegimesInclude: ["gdpr-art33"]), Report(Incident())).Passed);
        var failed = Single(new ScenarioCriteria(RegimesInclude: ["gdpr-art33", "uk-gdpr-art33"]), Report(Incident()));
        Assert.False(failed.Passed);
        Assert.Equal("missing uk-gdpr-art33", failed.Measured);
    }

    [Fact]
    public void Evaluate_ContainmentUndone_FailsWhenAnUndoFailed()
    {
        var undone = Incident(s => s with { Containment = [new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.Succeeded, 1) { Undo = UndoStatus.Undone }] });
        var broken = Incident(s => s with
        {
            Containment =
            [
                new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.Succeeded, 1) { Undo = UndoStatus.Undone },
                new ContainmentSummary("ai-feature.fallback", ContainmentStatus.Succeeded, 1) { Undo = UndoStatus.UndoFailed },
            ],
        });

        Assert.True(Single(new ScenarioCriteria(ContainmentUndone: true), Report(undone)).Passed);
        Assert.False(Single(new ScenarioCriteria(ContainmentUndone: true), Report(broken)).Passed);
        Assert.False(Single(new ScenarioCriteria(ContainmentUndone: true), Report(Incident())).Passed);
    }

    [Fact]
    public void Default_ScenarioWithoutCriteria_IsContainedWithVerifiedEvidence()
    {
        var results = CriteriaEvaluator.Evaluate(ScenarioCriteria.Default, Report(Incident()));

        Assert.Equal(["status", "evidenceVerified"], results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Passed));
    }
}
