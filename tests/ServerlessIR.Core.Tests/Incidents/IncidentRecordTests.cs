using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;
using Xunit.Abstractions;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>The stored incident record stays under Table Storage's limits however many signals join.</summary>
public sealed class IncidentRecordTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    /// <summary>An incident that took <paramref name="joins"/> signals, each recorded with a summary of <paramref name="chars"/> characters.</summary>
    private static IncidentState Joined(int joins, int chars)
    {
        var state = new IncidentState(new IncidentInput("inc-record", Opened, TestSignals.Leak("sig-0", Opened), new IncidentRuntime(3600, 96)));
        for (var i = 1; i <= joins; i++)
        {
            state.SignalJoined($"sig-{i:D4}-{new string('k', 32)}");
            state.Recorded(new TimelineEntry(Opened.AddMinutes(i), "signal.joined", new string('s', chars)), i, "sha256:" + new string('h', 64));
            state.RecordNotification(new NotificationSummary("email", "checkpoint-reminder", "dpo@example.com, owner@example.com", Opened.AddMinutes(i)));
        }
        return state;
    }

    [Fact]
    public void Fit_TwoHundredJoinsOfTwoThousandCharacters_StaysWellUnderTheTableLimits()
    {
        var summary = Joined(200, 2_000).Summary;

        var record = IncidentRecord.Fit(summary);
        var size = IncidentRecord.Measure(record);

        output.WriteLine($"whole summary {IncidentRecord.Measure(summary)} chars; record {size} chars, {record.Timeline.Count} timeline entries");
        // One Table string property holds 32K UTF-16 characters (64 KiB); the entity's other columns are a few hundred bytes.
        Assert.True(size <= IncidentRecord.MaxChars, $"record is {size} characters");
        Assert.Equal(201, record.Signals);
        Assert.Equal(200, record.TimelineCount);
        Assert.Equal("sig-0200-" + new string('k', 32), record.SignalIds[^1]);
        Assert.All(record.Timeline, t => Assert.True(t.Summary.Length <= IncidentState.MaxTimelineSummaryChars));
    }

    [Fact]
    public void Fit_SmallIncident_KeepsEverything()
    {
        var summary = Joined(3, 100).Summary;

        var record = IncidentRecord.Fit(summary);

        Assert.Equal(3, record.Timeline.Count);
        Assert.Equal(3, record.Notifications.Count);
        Assert.Equal(4, record.SignalIds.Count);
    }

    [Fact]
    public void Fit_TightLimit_DropsListsButKeepsCounts()
    {
        var summary = Joined(60, 500).Summary;

        var record = IncidentRecord.Fit(summary, maxChars: 4_000);

        Assert.True(IncidentRecord.Measure(record) <= 4_000, $"{IncidentRecord.Measure(record)}");
        Assert.Equal(60, record.TimelineCount);
        Assert.Equal(61, record.Signals);
        Assert.Equal(60, record.EvidenceRecords);
    }

    [Fact]
    public void Fit_EveryRegimeHeldWithLongestReason_StillUnderTheLimit()
    {
        var hold = new LawEnforcementHold([], new string('o', 256), new string('r', FactsDesk.MaxHoldReasonChars));
        var obligations = Enumerable.Range(1, 17).Select(i => new ObligationSummary($"regime-{i}", "Supervisory authority of somewhere", Opened.AddHours(72),
            "fixed", ObligationStatus.OnHold,
            [.. Enumerable.Range(1, 4).Select(c => new CheckpointSummary($"{c * 24}h", Opened.AddHours(c * 24), null, LadderAction.RemindOwner))],
            new string('x', 300))
        {
            Hold = hold,
            StatusReason = $"held at the request of {hold.RequestedBy}: {hold.Reason}",
        }).ToList();
        var summary = Joined(200, 2_000).Summary with { Obligations = obligations };

        var record = IncidentRecord.Fit(summary);

        Assert.True(IncidentRecord.Measure(record) <= IncidentRecord.MaxChars, $"{IncidentRecord.Measure(record)}");
        Assert.Equal(17, record.Obligations.Count);
        Assert.All(record.Obligations, o => Assert.Equal(ObligationStatus.OnHold, o.Status));
    }

    [Fact]
    public void RecordBookkeepingFailure_MoreThanKept_CountsAllKeepsLatest()
    {
        var state = Joined(0, 0);
        for (var i = 1; i <= 12; i++)
        {
            state.RecordBookkeepingFailure(new BookkeepingFailure(BookkeepingStep.IncidentRecord, "incident record", "Azure.RequestFailedException", $"failure {i}", Opened.AddMinutes(i)));
        }

        var summary = state.Summary;

        Assert.Equal(12, summary.BookkeepingFailureCount);
        Assert.Equal(IncidentState.KeptBookkeepingFailures, summary.BookkeepingFailures.Count);
        Assert.Equal("failure 12", summary.BookkeepingFailures[^1].Message);
    }
}
