using System.Text.Json;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>The incident's plain state and the summary it shows, without a durable host.</summary>
public sealed class IncidentStateTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static IncidentState NewState() =>
        new(new IncidentInput("inc-state", Opened, TestSignals.Leak("sig-1", Opened), new IncidentRuntime(3600, 96)));

    private static IncidentPlan Plan(string level, params string[] regimes)
    {
        var obligations = regimes.Select(r => new Obligation
        {
            Regime = r, Recipient = "Authority", ClockStart = Opened, Deadline = Opened.AddHours(72), DeadlineKind = "fixed",
            TimeZone = "UTC", Source = "test",
        }).ToList();
        var assessment = new AssessmentResult(new SeverityAssessment(3.5, "high", level, []), true, false, obligations);
        var checkpoints = obligations.Select(o => new PlannedCheckpoint(o.Regime, o.Recipient, "deadline", o.Deadline!.Value, LadderAction.EscalateExecutive)).ToList();
        return new IncidentPlan(assessment, "checkout-fraud-scoring", "Checkout fraud scoring", null, ["contact"], [], checkpoints,
            new NotificationRoute("ir-bot@example.com", ["dpo@example.com"], []));
    }

    [Fact]
    public void Revise_SeverityAndDutiesChange_SeverityLineFirst()
    {
        var state = NewState();
        state.Open(Plan("SEV2", "gdpr-art33"));

        var changes = state.Revise(Plan("SEV1", "gdpr-art33", "nis2-notification"));

        Assert.Equal("severity SEV2 -> SEV1", changes[0]);
        Assert.StartsWith("nis2-notification to Authority now applies", changes[1], StringComparison.Ordinal);
        Assert.Equal("SEV1", state.Summary.Severity!.Level);
        Assert.Equal(2, state.Summary.Obligations.Count);
    }

    [Fact]
    public void Summary_TakenBeforeChange_IsASnapshot()
    {
        var state = NewState();
        state.Open(Plan("SEV1", "gdpr-art33"));
        var before = state.Summary;

        state.Containment.Record(new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.Succeeded, 1));
        state.Obligations.Submit("gdpr-art33", "Authority", Opened.AddHours(1), null);
        state.Recorded(new TimelineEntry(Opened, "signal.received", "first"), 1, "sha256:aa");

        Assert.Empty(before.Containment);
        Assert.Equal(ObligationStatus.Pending, before.Obligations[0].Status);
        var after = state.Summary;
        Assert.Single(after.Containment);
        Assert.Equal(ObligationStatus.Submitted, after.Obligations[0].Status);
        Assert.Equal((1L, "sha256:aa", 1), (after.EvidenceRecords, after.EvidenceHead, after.TimelineCount));
        Assert.Equal("signal.received", state.Step);
    }

    [Fact]
    public void Contained_AfterContaining_StatusTimeAndRealSeconds()
    {
        var state = NewState();
        state.SetStatus(IncidentStatus.Containing);

        state.Contained(Opened.AddMinutes(14), 41.5);

        var summary = state.Summary;
        Assert.Equal(IncidentStatus.Contained, summary.Status);
        Assert.Equal(Opened.AddMinutes(14), summary.ContainedAt);
        Assert.Equal(41.5, summary.TimeToContainRealSeconds);
    }

    [Fact]
    public void Summary_Serialized_StatusesAndLadderActionAreTheWireStrings()
    {
        var state = NewState();
        state.Open(Plan("SEV1", "gdpr-art33"));
        state.Containment.Record(new ContainmentSummary("salesforce.freeze-user", ContainmentStatus.AlreadyDone, 1));
        state.Containment.RecordUndo([("salesforce.freeze-user", UndoStatus.NotUndone)]);
        state.RecordApproval(new ApprovalSummary("salesforce.freeze-user", 1, ApprovalResult.ProceededByDefault, "playbook default", null));

        var json = JsonSerializer.SerializeToNode(state.Summary, JsonSerializerOptions.Web)!;

        Assert.Equal("Pending", (string?)json["obligations"]![0]!["status"]);
        Assert.Equal("escalate-executive", (string?)json["obligations"]![0]!["checkpoints"]![0]!["ladderAction"]);
        Assert.Equal("AlreadyDone", (string?)json["containment"]![0]!["status"]);
        Assert.Equal("NotUndone", (string?)json["containment"]![0]!["undo"]);
        Assert.Null(json["containment"]![0]!["done"]);
        Assert.Equal("ProceededByDefault", (string?)json["approvals"]![0]!["decision"]);
        var back = JsonSerializer.Deserialize<IncidentSummary>(json.ToJsonString(), JsonSerializerOptions.Web)!;
        Assert.Equal(LadderAction.EscalateExecutive, back.Obligations[0].Checkpoints[0].LadderAction);
    }
}
