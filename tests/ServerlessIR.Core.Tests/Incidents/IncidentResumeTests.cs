using System.Text.Json.Nodes;
using Microsoft.DurableTask.Converters;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// What an incident carries into its next generation when it continues as new, through the durable data converter as the
/// engine stores it: the state taken up on the other side answers every question as the state it came from.
/// </summary>
public sealed class IncidentResumeTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly IncidentInput Input = new("inc-resume", Opened, TestSignals.Leak("sig-1", Opened), new IncidentRuntime(3600, 96));

    private static IncidentPlan Plan()
    {
        var obligations = new[] { "gdpr-art33", "nis2-notification" }.Select(r => new Obligation
        {
            Regime = r, Recipient = "Authority", ClockStart = Opened, Deadline = Opened.AddHours(72), DeadlineKind = "fixed",
            TimeZone = "UTC", Source = "test",
        }).ToList();
        var assessment = new AssessmentResult(new SeverityAssessment(3.5, "high", "SEV1", []), true, false, obligations);
        var checkpoints = obligations.SelectMany(o => new[]
        {
            new PlannedCheckpoint(o.Regime, o.Recipient, "24h", Opened.AddHours(24), LadderAction.EscalateTier),
            new PlannedCheckpoint(o.Regime, o.Recipient, "deadline", o.Deadline!.Value, LadderAction.EscalateExecutive),
        }).ToList();
        return new IncidentPlan(assessment, "checkout-fraud-scoring", "Checkout fraud scoring", null, ["contact"],
            [new PlannedStep(ContainmentActions.RevokeOAuthTokens, "auto")], checkpoints,
            new NotificationRoute("ir-bot@example.com", ["dpo@example.com"], []));
    }

    [Fact]
    public void Restore_StateCarriedThroughTheDataConverter_SameSummaryClocksAndSteps()
    {
        var plan = Plan();
        var before = new IncidentState(Input);
        before.Open(plan);
        before.SignalJoined("sig-2");
        var first = before.Obligations.NextCheckpoint()!;
        before.Obligations.Fire(first, first.DueAt);
        Assert.Equal(1, before.Obligations.Escalate(first.Regime, first.Recipient));
        var step = before.Containment.NextStep()!;
        Assert.Equal(1, before.Containment.Begin(step));
        before.Containment.Record(new ContainmentSummary(step.Action, ContainmentStatus.Succeeded, 1, "revoked"));
        before.Recorded(new TimelineEntry(Opened.AddHours(24), "checkpoint.fired", "24h", null), 7, "sha256:head");
        before.Time = new IncidentTime(3600, TimeSpan.FromHours(24));
        var resume = new IncidentResume
        {
            Generation = 2,
            Phase = IncidentResumePhase.ClockWatch,
            Summary = before.Summary,
            Plan = plan,
            Obligations = before.Obligations.Snapshot(),
            Containment = before.Containment.Snapshot(),
            StatusCadence = new StatusCadence(Opened.AddHours(24), 12),
        };
        var converter = JsonDataConverter.Default;
        var carried = converter.Deserialize<IncidentInput>(converter.Serialize(Input with { Resume = resume }))!.Resume!;

        var after = new IncidentState(Input);
        after.Restore(carried);

        Assert.Equal(converter.Serialize(before.Summary), converter.Serialize(after.Summary));
        Assert.Equal(before.Obligations.NextCheckpoint(), after.Obligations.NextCheckpoint());
        Assert.NotEqual(first, after.Obligations.NextCheckpoint());
        // The escalation tier climbs on from where it was, so a key made from it is not used twice.
        Assert.Equal(2, after.Obligations.Escalate(first.Regime, first.Recipient));
        Assert.Null(after.Containment.NextStep());
        Assert.True(after.HasSignal("sig-2"));
        Assert.Equal(IncidentResumePhase.ClockWatch, carried.Phase);
        Assert.Equal(new StatusCadence(Opened.AddHours(24), 12), carried.StatusCadence);
        Assert.Equal(TimeSpan.FromHours(24), after.Time.Lead);
    }

    [Fact]
    public void Deserialize_InputStoredBeforeTheBudgetExisted_NeverContinuesAsNew()
    {
        // As an incident already running when continue-as-new shipped has it in its history: no budget, no resume.
        var converter = JsonDataConverter.Default;
        var stored = JsonNode.Parse(converter.Serialize(Input with { Runtime = IncidentRuntime.Production })!)!.AsObject();
        var runtime = stored.Single(p => p.Key.Equals(nameof(IncidentInput.Runtime), StringComparison.OrdinalIgnoreCase)).Value!.AsObject();
        var budget = runtime.Single(p => p.Key.Equals(nameof(IncidentRuntime.HistoryEventsPerGeneration), StringComparison.OrdinalIgnoreCase)).Key;
        runtime.Remove(budget);

        var input = converter.Deserialize<IncidentInput>(stored.ToJsonString())!;

        Assert.Equal(0, input.Runtime.HistoryEventsPerGeneration);
        Assert.Null(input.Resume);
        Assert.True(input.Runtime.AwaitClosure);
        Assert.Equal(IncidentRuntime.DefaultHistoryEventsPerGeneration, IncidentRuntime.Production.HistoryEventsPerGeneration);
    }

    [Fact]
    public void Spent_ActivitiesTimersAndEvents_FourTwoAndOneEventEach()
    {
        var budget = new HistoryBudget(20);
        for (var i = 0; i < 4; i++)
        {
            budget.Activity();
        }
        budget.Timer();
        budget.Event();
        Assert.Equal(19, budget.Estimate);
        Assert.False(budget.Spent);

        budget.Event();

        Assert.True(budget.Spent);
        var never = new HistoryBudget(0);
        never.Activity();
        Assert.False(never.Spent);
    }
}
