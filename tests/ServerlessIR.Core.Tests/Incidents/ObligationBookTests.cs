using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>The obligation book on its own: plain state, no durable host, time passed in.</summary>
public sealed class ObligationBookTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private const string Dpc = "Data Protection Commission";

    private static Obligation Duty(string regime, double? hours, DateTimeOffset? start = null, string recipient = Dpc) => new()
    {
        Regime = regime,
        Recipient = recipient,
        ClockStart = start ?? Opened,
        Deadline = hours is { } h ? (start ?? Opened).AddHours(h) : null,
        DeadlineKind = hours is null ? "without-undue-delay" : "fixed",
        TimeZone = "Europe/Dublin",
        Source = "test",
    };

    /// <summary>A plan whose obligations get the default ladder's checkpoints (24 h and 48 h, warning, deadline).</summary>
    private static IncidentPlan Plan(string level, params Obligation[] obligations)
    {
        var assessment = new AssessmentResult(new SeverityAssessment(3.5, "high", level, []), true, false, obligations);
        var policy = new ClockPolicy { Checkpoints = obligations.ToDictionary(o => o.Regime, _ => (IReadOnlyList<double>)[24, 48]) };
        var checkpoints = ClockPlanner.Plan(assessment, policy)
            .Select(c => new PlannedCheckpoint(c.Regime, c.Recipient, c.Name, c.DueAt, c.Action)).ToList();
        return new IncidentPlan(assessment, "checkout-fraud-scoring", "Checkout fraud scoring", null, ["contact"], [], checkpoints,
            new NotificationRoute("ir-bot@example.com", ["dpo@example.com"], []));
    }

    private static ObligationBook Opened72h(DateTimeOffset? horizon = null)
    {
        var book = new ObligationBook(horizon);
        book.Open(Plan("SEV1", Duty("gdpr-art33", 72)));
        return book;
    }

    /// <summary>Fires every checkpoint due up to <paramref name="until"/>, in the order the book hands them out.</summary>
    private static List<CheckpointFiring> FireUntil(ObligationBook book, DateTimeOffset until)
    {
        var firings = new List<CheckpointFiring>();
        while (book.NextCheckpoint() is { } next && next.DueAt <= until)
        {
            firings.Add(book.Fire(next, next.DueAt));
        }
        return firings;
    }

    [Fact]
    public void Open_DeadlineInsideAndBeyondHorizon_PendingAndScheduled()
    {
        var book = new ObligationBook(Opened.AddHours(96));
        book.Open(Plan("SEV1", Duty("gdpr-art33", 72), Duty("nis2-final-report", 720)));

        Assert.Equal(ObligationStatus.Pending, book.Find("gdpr-art33", Dpc)!.Status);
        Assert.Equal(ObligationStatus.Scheduled, book.Find("nis2-final-report", Dpc)!.Status);
        Assert.Equal(["24h", "48h", "warning", "deadline"], book.Find("gdpr-art33", Dpc)!.Checkpoints.Select(c => c.Name));
    }

    [Fact]
    public void NextCheckpoint_FiringEach_ComesInDueOrderAndNeverTwice()
    {
        var book = Opened72h();

        var firings = FireUntil(book, Opened.AddDays(30));

        Assert.Equal(["24h", "48h", "warning", "deadline"], firings.Select(f => f.Checkpoint.Name));
        Assert.Equal([LadderAction.RemindOwner, LadderAction.EscalateTier, LadderAction.DraftNotice, LadderAction.EscalateExecutive],
            firings.Select(f => f.Checkpoint.LadderAction));
        Assert.Null(book.NextCheckpoint());
        Assert.All(book.Find("gdpr-art33", Dpc)!.Checkpoints, c => Assert.Equal(c.DueAt, c.FiredAt));
    }

    [Fact]
    public void NextCheckpoint_BeyondHorizon_IsNotHandedOut()
    {
        var book = Opened72h(horizon: Opened.AddHours(50));

        var firings = FireUntil(book, Opened.AddDays(30));

        Assert.Equal(["24h", "48h"], firings.Select(f => f.Checkpoint.Name));
    }

    [Fact]
    public void Fire_DeadlineWithoutSubmission_TurnsLateWithReasonsForDelay()
    {
        var book = Opened72h();

        var deadline = FireUntil(book, Opened.AddHours(72))[^1];

        Assert.True(deadline.Late);
        Assert.False(deadline.Done);
        Assert.Equal(ObligationStatus.Pending, deadline.Obligation!.Status);
        var obligation = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(ObligationStatus.Late, obligation.Status);
        Assert.True(obligation.ReasonsForDelayRequired);
    }

    [Fact]
    public void Submit_BeforeDeadline_DeadlineFiresWithoutLateness()
    {
        var book = Opened72h();
        FireUntil(book, Opened.AddHours(30));

        book.Submit("gdpr-art33", Dpc, Opened.AddHours(40), "DPC-2026-7");
        var rest = FireUntil(book, Opened.AddHours(72));

        Assert.All(rest, f => Assert.True(f.Done));
        Assert.DoesNotContain(rest, f => f.Late);
        var obligation = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(ObligationStatus.Submitted, obligation.Status);
        Assert.Equal("DPC-2026-7", obligation.Reference);
        Assert.Equal(Opened.AddHours(40), obligation.SubmittedAt);
        Assert.False(obligation.ReasonsForDelayRequired);
        Assert.True(book.IsSubmitted("gdpr-art33", Dpc));
    }

    [Fact]
    public void Submit_Exercise_RecordedExerciseSubmittedNeverSubmitted()
    {
        var book = Opened72h();
        FireUntil(book, Opened.AddHours(30));

        book.Submit("gdpr-art33", Dpc, Opened.AddHours(40), "DPC-2026-7", exercise: true);
        var rest = FireUntil(book, Opened.AddHours(72));

        var obligation = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(ObligationStatus.ExerciseSubmitted, obligation.Status);
        Assert.StartsWith("EXERCISE: ", obligation.StatusReason, StringComparison.Ordinal);
        Assert.Contains("nothing was sent to a regulator", obligation.StatusReason, StringComparison.Ordinal);
        // Counts as done for the clock (no lateness, no reminders), as a real submission would.
        Assert.True(book.IsSubmitted("gdpr-art33", Dpc));
        Assert.DoesNotContain(rest, f => f.Late);
    }

    [Fact]
    public void Submit_AfterDeadline_SubmittedButReasonsForDelayStayRequired()
    {
        var book = Opened72h();
        FireUntil(book, Opened.AddHours(72));

        book.Submit("gdpr-art33", Dpc, Opened.AddHours(80), null);

        var obligation = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(ObligationStatus.Submitted, obligation.Status);
        Assert.True(obligation.ReasonsForDelayRequired);
        Assert.Equal("Marked submitted by the DPO", obligation.StatusReason);
    }

    [Fact]
    public void ApplyHold_DeadlinePassesOnHold_NotLateUntilLifted()
    {
        var book = new ObligationBook();
        book.Open(Plan("SEV1", Duty("gdpr-art33", 72), Duty("us-ca-civ-1798.82", null, recipient: "California residents")));
        var hold = new LawEnforcementHold(["gdpr-art33"], "Garda NCB", "covert investigation");

        var covered = book.ApplyHold(hold, Opened.AddHours(10));
        var deadline = FireUntil(book, Opened.AddHours(72))[^1];

        Assert.Equal([("gdpr-art33", Dpc)], covered);
        Assert.Equal(ObligationStatus.Pending, book.Find("us-ca-civ-1798.82", "California residents")!.Status);
        Assert.True(deadline.DeadlineOnHold);
        Assert.False(deadline.Late);
        Assert.Equal(ObligationStatus.OnHold, book.Find("gdpr-art33", Dpc)!.Status);

        book.ApplyHold(hold with { Lift = true }, Opened.AddHours(90));

        var lifted = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(ObligationStatus.Late, lifted.Status);
        Assert.True(lifted.ReasonsForDelayRequired);
        Assert.Null(lifted.Hold);
    }

    [Fact]
    public void ApplyHold_LiftedBeforeDeadline_BackToPending()
    {
        var book = Opened72h();
        var hold = new LawEnforcementHold([], "FBI field office", "ongoing operation");
        book.ApplyHold(hold, Opened.AddHours(1));

        book.ApplyHold(hold with { Lift = true }, Opened.AddHours(20));

        var obligation = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(ObligationStatus.Pending, obligation.Status);
        Assert.False(obligation.ReasonsForDelayRequired);
        Assert.Equal("law-enforcement hold lifted", obligation.StatusReason);
    }

    [Fact]
    public void ApplyHold_OnSubmittedObligation_StaysSubmitted()
    {
        var book = Opened72h();
        book.Submit("gdpr-art33", Dpc, Opened.AddHours(5), null);

        book.ApplyHold(new LawEnforcementHold([], "Garda NCB", "late request"), Opened.AddHours(6));

        Assert.Equal(ObligationStatus.Submitted, book.Find("gdpr-art33", Dpc)!.Status);
    }

    [Fact]
    public void Revise_NewJurisdictionMidIncident_AddsObligationAndKeepsFiredCheckpoints()
    {
        var book = Opened72h();
        FireUntil(book, Opened.AddHours(30));

        var changes = book.Revise(Plan("SEV1", Duty("gdpr-art33", 72), Duty("uk-gdpr-art33", 72, recipient: "ICO")));

        Assert.Equal(["uk-gdpr-art33 to ICO now applies, due 2026-11-30 10:00 UTC"], changes);
        var uk = book.Find("uk-gdpr-art33", "ICO")!;
        Assert.Equal(ObligationStatus.Pending, uk.Status);
        Assert.Equal("added by re-assessment", uk.StatusReason);
        var eu = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(Opened.AddHours(24), Assert.Single(eu.Checkpoints, c => c.Name == "24h").FiredAt);
        // The new duty's own 24-hour checkpoint is already past: it is the next to fire, once, and the old one is not again.
        var next = book.NextCheckpoint()!;
        Assert.Equal(("uk-gdpr-art33", "24h"), (next.Regime, next.Name));
        book.Fire(next, Opened.AddHours(30));
        Assert.Equal(("gdpr-art33", "48h"), (book.NextCheckpoint()!.Regime, book.NextCheckpoint()!.Name));
    }

    [Fact]
    public void Revise_AwarenessEarlier_MovesDeadlineAndUnfiredCheckpoints()
    {
        var book = Opened72h();
        FireUntil(book, Opened.AddHours(25));
        var earlier = Opened.AddHours(-20);

        var changes = book.Revise(Plan("SEV1", Duty("gdpr-art33", 72, start: earlier)));

        Assert.Equal(["gdpr-art33 deadline 2026-11-30 10:00 UTC -> 2026-11-29 14:00 UTC"], changes);
        var obligation = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(earlier.AddHours(72), obligation.Deadline);
        Assert.Equal(Opened.AddHours(24), Assert.Single(obligation.Checkpoints, c => c.Name == "24h").FiredAt);
        Assert.Equal(earlier.AddHours(72), Assert.Single(obligation.Checkpoints, c => c.Name == "deadline").DueAt);
        // The moved 48-hour checkpoint (now 28 h after opening) is past due and fires next.
        Assert.Equal(("48h", earlier.AddHours(48)), (book.NextCheckpoint()!.Name, book.NextCheckpoint()!.DueAt));
    }

    [Fact]
    public void Revise_DutyGoneAfterSubmission_SubmittedStaysOthersNotRequired()
    {
        var book = new ObligationBook();
        book.Open(Plan("SEV1", Duty("gdpr-art33", 72), Duty("gdpr-art34", null, recipient: "Data subjects")));
        book.Submit("gdpr-art33", Dpc, Opened.AddHours(2), null);

        var changes = book.Revise(Plan("SEV3"));

        Assert.Equal(["gdpr-art33 to Data Protection Commission no longer applies", "gdpr-art34 to Data subjects no longer applies"], changes);
        Assert.Equal(ObligationStatus.Submitted, book.Find("gdpr-art33", Dpc)!.Status);
        var art34 = book.Find("gdpr-art34", "Data subjects")!;
        Assert.Equal(ObligationStatus.NotRequired, art34.Status);
        Assert.Equal("no longer applies after re-assessment", art34.StatusReason);
        Assert.Null(book.NextCheckpoint());
    }

    [Fact]
    public void Revise_LateObligation_StaysLate()
    {
        var book = Opened72h();
        FireUntil(book, Opened.AddHours(72));

        book.Revise(Plan("SEV1", Duty("gdpr-art33", 72)));

        Assert.Equal(ObligationStatus.Late, book.Find("gdpr-art33", Dpc)!.Status);
    }

    [Fact]
    public void DeclareFalsePositive_OpenAndSubmitted_OpenNotRequiredSubmittedReported()
    {
        var book = new ObligationBook();
        book.Open(Plan("SEV1", Duty("gdpr-art33", 72), Duty("nis2-early-warning", 24, recipient: "CSIRT")));
        book.Submit("nis2-early-warning", "CSIRT", Opened.AddHours(3), null);

        var submitted = book.DeclareFalsePositive("security-lead@example.com");

        Assert.Equal(["nis2-early-warning"], submitted);
        var art33 = book.Find("gdpr-art33", Dpc)!;
        Assert.Equal(ObligationStatus.NotRequired, art33.Status);
        Assert.Equal("false positive declared by security-lead@example.com", art33.StatusReason);
        Assert.Equal(ObligationStatus.Submitted, book.Find("nis2-early-warning", "CSIRT")!.Status);
        Assert.All(FireUntil(book, Opened.AddDays(30)), f => Assert.True(f.Done));
    }

    [Fact]
    public void Escalate_TwiceForOneObligation_ClimbsOneTierEachTime()
    {
        var book = Opened72h();

        Assert.Equal(1, book.Escalate("gdpr-art33", Dpc));
        Assert.Equal(2, book.Escalate("gdpr-art33", Dpc));
        Assert.Equal(1, book.Escalate("nis2-early-warning", "CSIRT"));
    }

    [Fact]
    public void NearestPending_SubmittedAndUndueDutiesSkipped_EarliestOpenDeadline()
    {
        var book = new ObligationBook();
        book.Open(Plan("SEV1", Duty("gdpr-art33", 72), Duty("nis2-early-warning", 24, recipient: "CSIRT"), Duty("gdpr-art34", null, recipient: "Data subjects")));

        Assert.Equal("nis2-early-warning", book.NearestPending()!.Regime);
        book.Submit("nis2-early-warning", "CSIRT", Opened.AddHours(1), null);
        Assert.Equal("gdpr-art33", book.NearestPending()!.Regime);
        Assert.Equal(["gdpr-art33", "nis2-early-warning", "gdpr-art34"], book.Regimes);
    }
}
