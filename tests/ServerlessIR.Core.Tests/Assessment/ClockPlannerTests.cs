using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

public sealed class ClockPlannerTests
{
    private static readonly ClockPolicy Policy = PlaybookLoader.LoadDefault().Clock;

    private static Obligation Art33(DateTimeOffset awareAt) => new()
    {
        Regime = "gdpr-art33", Recipient = "HmbBfDI", ClockStart = awareAt, Deadline = awareAt.AddHours(72),
        DeadlineKind = "fixed", TimeZone = "Europe/Berlin", Source = "GDPR Art. 33(1)",
    };

    private static AssessmentResult With(params Obligation[] obligations) =>
        new(new SeverityAssessment(4, "very-high", "SEV1", []), true, true, obligations);

    [Fact]
    public void Plan_Gdpr72h_CheckpointsWarningAndDeadlineWithLadderActions()
    {
        var plan = ClockPlanner.Plan(With(Art33(Facts.AwareAt)), Policy);
        Assert.Equal(["24h", "48h", "warning", "deadline"], plan.Select(c => c.Name));
        Assert.Equal([24.0, 48, 60, 72], plan.Select(c => (c.DueAt - Facts.AwareAt).TotalHours));
        Assert.Equal([LadderAction.RemindOwner, LadderAction.EscalateTier, LadderAction.DraftNotice, LadderAction.EscalateExecutive], plan.Select(c => c.Action));
        Assert.All(plan, c => Assert.False(c.Fired));
    }

    [Fact]
    public void Plan_PlaybookListsRegime_ItsCheckpointsReplaceTheCatalogs()
    {
        var policy = Policy with { Checkpoints = new Dictionary<string, IReadOnlyList<double>> { ["gdpr-art33"] = [12] } };

        var plan = ClockPlanner.Plan(With(Art33(Facts.AwareAt)), policy);

        Assert.Equal(["12h", "warning", "deadline"], plan.Select(c => c.Name));
    }

    [Fact]
    public void Plan_PlaybookSilentOnRegime_UsesTheCatalogsCheckpoints()
    {
        var plan = ClockPlanner.Plan(With(Art33(Facts.AwareAt)), new ClockPolicy());

        var hours = RegimeCatalog.Default.Regime("gdpr-art33").Checkpoints.Where(h => h < 72).Select(ClockPlanner.HourName);
        Assert.Equal([.. hours, "warning", "deadline"], plan.Select(c => c.Name));
    }

    [Fact]
    public void Plan_WithoutUndueDelayObligation_HasNoCheckpoints()
    {
        var art34 = new Obligation
        {
            Regime = "gdpr-art34", Recipient = "data subjects", ClockStart = Facts.AwareAt, DeadlineKind = "without-undue-delay",
            TimeZone = "Europe/Berlin", Source = "GDPR Art. 34",
        };
        Assert.Empty(ClockPlanner.Plan(With(art34), Policy));
    }

    [Fact]
    public void Plan_WarningCoincidingWithHourCheckpoint_CollapsesIntoOne()
    {
        // NIS2 early warning: 24 h clock, checkpoints 6 h and 12 h, warning 12 h before -> 12 h once, drafting the notice.
        var warning = Art33(Facts.AwareAt) with { Regime = "nis2-early-warning", Recipient = "BSI", Deadline = Facts.AwareAt.AddHours(24) };
        var plan = ClockPlanner.Plan(With(warning), Policy);
        Assert.Equal(["6h", "12h", "deadline"], plan.Select(c => c.Name));
        Assert.Equal(LadderAction.DraftNotice, plan[1].Action);
    }

    [Fact]
    public void Plan_SeveralObligations_OrderedByDueTime()
    {
        var nis2 = Art33(Facts.AwareAt) with { Regime = "nis2-early-warning", Recipient = "BSI", Deadline = Facts.AwareAt.AddHours(24) };
        var plan = ClockPlanner.Plan(With(Art33(Facts.AwareAt), nis2), Policy);
        Assert.Equal(plan.OrderBy(c => c.DueAt).Select(c => c.DueAt), plan.Select(c => c.DueAt));
        Assert.Equal(7, plan.Count);
    }

    [Fact]
    public void Merge_AmendedAwareness_KeepsFiredCheckpointsAndMovesTheRest()
    {
        var previous = ClockPlanner.Plan(With(Art33(Facts.AwareAt)), Policy)
            .Select(c => c.Name == "24h" ? c with { Fired = true, FiredAt = c.DueAt } : c)
            .ToList();
        var earlier = Facts.AwareAt.AddHours(-6);
        var merged = ClockPlanner.Merge(previous, With(Art33(earlier)), Policy);

        var fired = Assert.Single(merged, c => c.Fired);
        Assert.Equal(Facts.AwareAt.AddHours(24), fired.DueAt);
        Assert.Equal(["24h", "48h", "warning", "deadline"], merged.Select(c => c.Name));
        Assert.Equal(earlier.AddHours(72), merged.Single(c => c.Name == "deadline").DueAt);
        Assert.Equal(earlier.AddHours(48), merged.Single(c => c.Name == "48h").DueAt);
    }

    [Fact]
    public void Merge_NewObligation_AddsItsCheckpoints_DroppedObligation_LosesUnfiredOnes()
    {
        var previous = ClockPlanner.Plan(With(Art33(Facts.AwareAt)), Policy)
            .Select(c => c.Name == "24h" ? c with { Fired = true, FiredAt = c.DueAt } : c)
            .ToList();
        var lgpd = Art33(Facts.AwareAt) with { Regime = "br-lgpd", Recipient = "ANPD", Deadline = Facts.AwareAt.AddDays(5) };
        var merged = ClockPlanner.Merge(previous, With(lgpd), Policy);
        Assert.Single(merged, c => c.Regime == "gdpr-art33"); // only the fired one remains
        Assert.Equal(["24h", "warning", "deadline"], merged.Where(c => c.Regime == "br-lgpd").Select(c => c.Name));
    }

    [Fact]
    public void Plan_SameInputTwice_IsDeterministic()
    {
        var a = ClockPlanner.Plan(With(Art33(Facts.AwareAt)), Policy);
        var b = ClockPlanner.Plan(With(Art33(Facts.AwareAt)), Policy);
        Assert.Equal(a, b);
    }

    private static Obligation DoraInitial(DateTimeOffset classifiedAt, TimeSpan period) => Art33(classifiedAt) with
    {
        Regime = "dora-initial", Recipient = "BaFin", Deadline = classifiedAt + period,
    };

    // Issue 14 item 8: a 4-hour DORA initial notification (Delegated Regulation (EU) 2025/301 Art. 5) lost its drafting step
    // when the warning sat 12 h before the deadline; scaled to half the period it takes the 2 h checkpoint's place.
    [Fact]
    public void Plan_DoraInitialFourHours_WarningDraftsTheNoticeHalfWay()
    {
        var plan = ClockPlanner.Plan(With(DoraInitial(Facts.AwareAt, TimeSpan.FromHours(4))), Policy);

        Assert.Equal(["warning", "deadline"], plan.Select(c => c.Name));
        Assert.Equal(Facts.AwareAt.AddHours(2), plan[0].DueAt);
        Assert.Equal(LadderAction.DraftNotice, plan[0].Action);
    }

    // Classified 22 h after awareness: the 24-hour bound leaves 2 hours, so the warning comes 1 hour before the deadline.
    [Fact]
    public void Plan_DoraClassifiedLateTwoHoursLeft_WarningOneHourBefore()
    {
        var classified = Facts.AwareAt.AddHours(22);

        var plan = ClockPlanner.Plan(With(DoraInitial(classified, TimeSpan.FromHours(2))), Policy);

        Assert.Equal(["warning", "deadline"], plan.Select(c => c.Name));
        Assert.Equal(classified.AddHours(1), plan[0].DueAt);
        Assert.Equal(LadderAction.DraftNotice, plan[0].Action);
    }

    [Fact]
    public void Plan_PeriodUnderAnHour_WarningAtTheClockStart()
    {
        var plan = ClockPlanner.Plan(With(DoraInitial(Facts.AwareAt, TimeSpan.FromMinutes(30))), Policy);

        Assert.Equal(Facts.AwareAt, plan.Single(c => c.Name == "warning").DueAt);
    }

    [Theory]
    [InlineData(72, 12, 12)]
    [InlineData(24, 12, 12)]
    [InlineData(4, 12, 2)]
    [InlineData(2, 12, 1)]
    [InlineData(1.5, 12, 1)]
    [InlineData(0.5, 12, 0.5)]
    [InlineData(72, 0.25, 0.25)]
    public void WarningLead_Period_HalfThePeriodCappedByPolicyWithOneHourFloor(double periodHours, double policyHours, double expectedHours)
    {
        Assert.Equal(TimeSpan.FromHours(expectedHours), ClockPlanner.WarningLead(TimeSpan.FromHours(periodHours), policyHours));
    }

    [Fact]
    public void Plan_WarningOnHourCheckpointNotNamedInLadder_WarningTakesItsPlace()
    {
        var policy = new ClockPolicy { Checkpoints = new Dictionary<string, IReadOnlyList<double>> { ["nis2-early-warning"] = [6, 12] } };
        var early = Art33(Facts.AwareAt) with { Regime = "nis2-early-warning", Recipient = "BSI", Deadline = Facts.AwareAt.AddHours(24) };

        var plan = ClockPlanner.Plan(With(early), policy);

        Assert.Equal(["6h", "warning", "deadline"], plan.Select(c => c.Name));
        Assert.Equal(LadderAction.DraftNotice, plan[1].Action);
    }
}
