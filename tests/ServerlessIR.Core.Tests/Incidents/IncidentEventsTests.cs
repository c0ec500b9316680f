using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// What reaches a running incident from outside (amended facts, a law-enforcement hold, a false positive), on the
/// in-process Durable Task test host under time compression: 1 real second is 10 incident hours, so there is time to
/// raise an event after containment and before the 72-hour clocks run out.
/// </summary>
[Trait("Category", "Durable")]
public sealed class IncidentEventsTests
{
    private const double Scale = 36_000;

    private sealed record Run(IncidentSummary Summary, IReadOnlyList<EvidenceRecord> Evidence, MemoryMail Mail, DateTimeOffset OpenedAt, IncidentSummary? Stored = null);


    /// <summary>
    /// Starts an incident, raises <paramref name="events"/> once <paramref name="raiseWhen"/> holds for its stored record
    /// (default: as soon as it is recorded), and waits for the end. Events raised early are taken between containment
    /// steps, so they are handled before any scaled checkpoint whatever the machine's speed; at this scale a checkpoint is
    /// due 2.4 real seconds after containment, which a loaded two-core machine took longer than to raise an event after
    /// seeing the incident contained.
    /// </summary>
    private static Task<Run> RunWithEventsAsync(double horizonHours, IncidentEvent[] events, Func<IncidentSummary, bool>? raiseWhen = null,
        double scale = Scale) => RunWithEventsAsync(horizonHours, _ => events, raiseWhen, scale);

    /// <summary>As above, with events made for the incident's ID (a second person's approval is bound to it).</summary>
    private static async Task<Run> RunWithEventsAsync(double horizonHours, Func<string, IncidentEvent[]> events, Func<IncidentSummary, bool>? raiseWhen = null,
        double scale = Scale)
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
        var (ledger, mail, store) = (host.Ledger, host.Mail, host.Store);
        var openedAt = DateTimeOffset.UtcNow;
        var id = await host.OpenAsync("inc-test-", new IncidentRuntime(scale, horizonHours, 1), openedAt);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (store.Rows.GetValueOrDefault(id) is not { } row || !(raiseWhen?.Invoke(row) ?? true))
        {
            await Task.Delay(20, timeout.Token);
        }
        foreach (var incidentEvent in events(id))
        {
            await host.Client.RaiseEventAsync(id, IncidentEvent.Name, incidentEvent, timeout.Token);
        }
        var summary = await host.WaitForSummaryAsync(id, timeout.Token);
        var evidence = await ledger.ReadAsync(id);
        Assert.True(EvidenceVerifier.Verify(id, evidence).Verified);
        return new Run(summary, evidence, mail, openedAt, store.Rows.GetValueOrDefault(id));
    }

    private static IncidentEvent Facts(FactsAmendment amendment) => new FactsAmendedEvent(amendment);

    /// <summary>Amended facts that need two people, seconded as the dual-control desk seconds them.</summary>
    private static Func<string, IncidentEvent[]> SecondedFacts(FactsAmendment amendment) => id => [SecondedEvents.Seconded(id, Facts(amendment))];

    [Fact]
    public async Task Facts_AwarenessEarlier_MovesGdprClockAndFiresOverdueCheckpointsAtOnce()
    {
        // Awareness was 60 hours before the alert: the 24h and 48h checkpoints are already overdue when the facts arrive.
        // Incident time runs at the scale from the start, containment included: at 7,200x the old 24h mark is 12 real
        // seconds in, so "fired at once" is told apart from "fired at its old time" even when containment is slow.
        var run = await RunWithEventsAsync(30, SecondedFacts(new FactsAmendment
        {
            AmendedBy = "dpo@northwind.example",
            Note = "The DLP vendor's ticket shows the leak was known on Monday",
            AwareAt = DateTimeOffset.UtcNow.AddHours(-60),
        }), scale: 7_200);

        var gdpr = Assert.Single(run.Summary.Obligations, o => o.Regime == "gdpr-art33");
        Assert.True(gdpr.Deadline < run.OpenedAt.AddHours(13), $"deadline {gdpr.Deadline} should have moved to awareness + 72 h");
        var at24 = Assert.Single(gdpr.Checkpoints, c => c.Name == "24h");
        Assert.True(at24.DueAt < run.OpenedAt, "the 24h checkpoint moved before the alert");
        Assert.NotNull(at24.FiredAt);
        Assert.True(at24.FiredAt < run.OpenedAt.AddHours(24), "an overdue checkpoint fires at once, not at its old time");
        Assert.Contains(run.Evidence, r => r.Kind == "facts.amended" && r.Actor == "person:dpo@northwind.example");
        var revised = Assert.Single(run.Evidence, r => r.Kind == "assessment.revised");
        Assert.Contains("gdpr-art33 deadline", revised.Summary, StringComparison.Ordinal);
        // Checkpoints still fire in the order of their (moved) due times.
        var fired = gdpr.Checkpoints.Where(c => c.FiredAt is not null).ToList();
        Assert.Equal(fired.OrderBy(c => c.DueAt).Select(c => c.Name), fired.OrderBy(c => c.FiredAt).Select(c => c.Name));
    }

    [Fact]
    public async Task Facts_NewJurisdiction_AddsObligationAndKeepsCheckpointsThatFired()
    {
        // Raised once the GDPR 24h checkpoint has fired, so the amendment meets a checkpoint that must not fire again. At
        // 7,200x the UK clock's next checkpoint (48h) is 12 real seconds later: room for a loaded machine to deliver it.
        var run = await RunWithEventsAsync(50, [Facts(new FactsAmendment
        {
            AmendedBy = "dpo@northwind.example",
            Jurisdictions = ["GB"],
            SubjectCount = 30000,
        })], raiseWhen: row => row.Obligations.Any(o => o.Regime == "gdpr-art33" && o.Checkpoints.Any(c => c.Name == "24h" && c.FiredAt is not null)),
            scale: 7_200);

        var uk = Assert.Single(run.Summary.Obligations, o => o.Regime == "uk-gdpr-art33");
        Assert.Contains(uk.Checkpoints, c => c.FiredAt is not null);
        var gdpr = Assert.Single(run.Summary.Obligations, o => o.Regime == "gdpr-art33");
        Assert.Equal(gdpr.Checkpoints.Select(c => c.Name).Distinct().Count(), gdpr.Checkpoints.Count);
        Assert.Equal(1, run.Evidence.Count(r => r.Kind == "checkpoint.fired" && r.Summary.StartsWith("gdpr-art33 24h", StringComparison.Ordinal)));
        var revised = Assert.Single(run.Evidence, r => r.Kind == "assessment.revised" && r.Summary.Contains("uk-gdpr-art33", StringComparison.Ordinal));
        // The notices were drafted after containment, long before the UK came in: the UK's is drafted once the re-assessment
        // adds it, with its own notice ID, and none of the first drafting's is drafted again.
        var drafts = run.Evidence.Where(r => r.Kind == EvidenceKinds.NoticeDrafted).ToList();
        var ukDraft = Assert.Single(drafts, r => (string?)r.Payload?["regime"] == "uk-gdpr-art33");
        Assert.True(ukDraft.Sequence > revised.Sequence, "the UK notice is drafted after the re-assessment that added it");
        Assert.Contains(drafts, r => r.Sequence < revised.Sequence);
        Assert.Equal(drafts.Count, drafts.Select(r => ((string?)r.Payload?["regime"], (string?)r.Payload?["recipient"])).Distinct().Count());
        Assert.Equal(drafts.Count, drafts.Select(r => (string?)r.Payload?["noticeId"]).Distinct().Count());
    }

    [Fact]
    public async Task Facts_DataUnintelligible_DropsArt34AsNotRequired()
    {
        var run = await RunWithEventsAsync(30, [Facts(new FactsAmendment { AmendedBy = "dpo@northwind.example", Unintelligible = true })]);

        var art34 = Assert.Single(run.Summary.Obligations, o => o.Regime == "gdpr-art34");
        Assert.Equal(ObligationStatus.NotRequired, art34.Status);
    }

    [Fact]
    public async Task Facts_LawEnforcementHold_DeadlinePassesOnHoldNotLate()
    {
        var run = await RunWithEventsAsync(96, SecondedFacts(new FactsAmendment
        {
            AmendedBy = "dpo@northwind.example",
            LawEnforcementHold = new LawEnforcementHold(["gdpr-art34"], "BKA Referat SO 41, KHK Weber", "Notifying customers would alert the suspects"),
        }));

        var art34 = Assert.Single(run.Summary.Obligations, o => o.Regime == "gdpr-art34");
        Assert.Equal(ObligationStatus.OnHold, art34.Status);
        Assert.Equal("BKA Referat SO 41, KHK Weber", art34.Hold?.RequestedBy);
        var art33 = Assert.Single(run.Summary.Obligations, o => o.Regime == "gdpr-art33");
        Assert.Equal(ObligationStatus.Late, art33.Status);
        Assert.True(art33.ReasonsForDelayRequired);
        Assert.Contains(run.Evidence, r => r.Kind == "obligation.held" && r.Actor == "law-enforcement:BKA Referat SO 41, KHK Weber");
        Assert.Contains(run.Evidence, r => r.Kind == "obligation.late" && r.Summary.StartsWith("gdpr-art33", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Evidence, r => r.Kind == "obligation.late" && r.Summary.StartsWith("gdpr-art34", StringComparison.Ordinal));
        // Missing the Art. 33 deadline went to the executive tier (the playbook's last tier).
        Assert.Contains(run.Mail.Sent, m => m.Template == "deadline-missed" && m.To.Contains("ciso@northwind.example"));
    }

    [Fact]
    public async Task FalsePositive_AfterContainment_ClosesIncidentAndStopsClocks()
    {
        // Raised once contained: raised earlier, it would be taken between containment steps and stop them first.
        var run = await RunWithEventsAsync(96,
            id => [SecondedEvents.Seconded(id, new FalsePositiveDeclaredEvent(new FalsePositiveRequest("dpo@northwind.example", "Red-team exercise")))],
            raiseWhen: row => row.Status == IncidentStatus.Contained);

        Assert.Equal(IncidentStatus.FalsePositive, run.Summary.Status);
        var declared = Assert.Single(run.Evidence, r => r.Kind == EvidenceKinds.IncidentFalsePositiveDeclared);
        Assert.Equal(SecondedEvents.Second.Name, declared.Payload?["dualControl"]?["approvedBy"]?.GetValue<string>());
        Assert.All(run.Summary.Obligations, o => Assert.Equal(ObligationStatus.NotRequired, o.Status));
        var revoke = Assert.Single(run.Summary.Containment);
        Assert.Equal(UndoStatus.NotUndone, revoke.Undo);
        var closed = run.Evidence.Single(r => r.Kind == "incident.closed").Sequence;
        Assert.DoesNotContain(run.Evidence, r => r.Kind == "checkpoint.fired" && r.Sequence > closed);
        Assert.DoesNotContain(run.Evidence, r => r.Kind == "incident.horizon-reached");
    }

    [Fact]
    public async Task FalsePositive_RaisedWithoutSecondPerson_RefusedAndNothingUndone()
    {
        var run = await RunWithEventsAsync(30, [new FalsePositiveDeclaredEvent(new FalsePositiveRequest("dpo@northwind.example", "Red-team exercise"))],
            raiseWhen: row => row.Status == IncidentStatus.Contained);

        AssertRefused(run, "false-positive", "no-second-person");
        AssertNotClosedAsFalsePositive(run);
    }

    [Fact]
    public async Task FalsePositive_SamePersonAsksAndSeconds_RefusedAndNothingUndone()
    {
        var run = await RunWithEventsAsync(30,
            id => [SecondedEvents.Seconded(id, new FalsePositiveDeclaredEvent(new FalsePositiveRequest("dpo@northwind.example", "Red-team exercise")),
                second: SecondedEvents.Requester)],
            raiseWhen: row => row.Status == IncidentStatus.Contained);

        var refused = AssertRefused(run, "false-positive", "same-person");
        Assert.Equal(SecondedEvents.Requester.ObjectId, refused.Payload?["dualControl"]?["approvedByObjectId"]?.GetValue<string>());
        AssertNotClosedAsFalsePositive(run);
    }

    [Fact]
    public async Task Facts_HoldRaisedWithoutSecondPerson_RefusedAndDeadlineStillLate()
    {
        var run = await RunWithEventsAsync(96, [Facts(new FactsAmendment
        {
            AmendedBy = "dpo@northwind.example",
            LawEnforcementHold = new LawEnforcementHold(["gdpr-art34"], "BKA Referat SO 41, KHK Weber", "Notifying customers would alert the suspects"),
        })]);

        AssertRefused(run, "facts", "no-second-person");
        var art34 = Assert.Single(run.Summary.Obligations, o => o.Regime == "gdpr-art34");
        Assert.NotEqual(ObligationStatus.OnHold, art34.Status);
        Assert.Null(art34.Hold);
        Assert.DoesNotContain(run.Evidence, r => r.Kind is "obligation.held" or "facts.amended");
    }

    [Fact]
    public async Task Facts_AwarenessMovedBySamePersonTwice_RefusedAndClocksUnmoved()
    {
        var run = await RunWithEventsAsync(30, id => [SecondedEvents.Seconded(id, Facts(new FactsAmendment
        {
            AmendedBy = "dpo@northwind.example",
            AwareAt = DateTimeOffset.UtcNow.AddHours(-60),
        }), second: SecondedEvents.Requester)]);

        AssertRefused(run, "facts", "same-person");
        var gdpr = Assert.Single(run.Summary.Obligations, o => o.Regime == "gdpr-art33");
        Assert.True(gdpr.Deadline >= run.OpenedAt.AddHours(71), $"deadline {gdpr.Deadline} moved although the awareness move was refused");
        Assert.DoesNotContain(run.Evidence, r => r.Kind is "assessment.revised" or "facts.amended");
    }

    /// <summary>The one refusal record, its reason, and that nothing of the event was recorded as done.</summary>
    private static EvidenceRecord AssertRefused(Run run, string kind, string reason)
    {
        var refused = Assert.Single(run.Evidence, r => r.Kind == EvidenceKinds.EventRefused);
        Assert.Equal(kind, refused.Payload?["event"]?.GetValue<string>());
        Assert.Equal(reason, refused.Payload?["reason"]?.GetValue<string>());
        Assert.Contains(run.Summary.Timeline, t => t.Kind == EvidenceKinds.EventRefused);
        return refused;
    }

    private static void AssertNotClosedAsFalsePositive(Run run)
    {
        Assert.NotEqual(IncidentStatus.FalsePositive, run.Summary.Status);
        var revoke = Assert.Single(run.Summary.Containment);
        Assert.True(revoke.Done);
        Assert.Null(revoke.Undo);
        Assert.DoesNotContain(run.Evidence, r => r.Kind.StartsWith("compensation.", StringComparison.Ordinal)
            || r.Kind == EvidenceKinds.IncidentFalsePositiveDeclared);
        Assert.DoesNotContain(run.Summary.Obligations, o => o.Regime == "gdpr-art33" && o.Status == ObligationStatus.NotRequired);
        Assert.Contains(run.Evidence, r => r.Kind == "checkpoint.fired");
    }

    [Fact]
    public async Task Signal_JoinedRepeatingFacts_NotReassessed_WideningSignalIs()
    {
        var at = DateTimeOffset.UtcNow;
        static IncidentEvent Joined(Signal signal) => new SignalJoinedEvent(signal);
        var run = await RunWithEventsAsync(30, [
            Joined(TestSignals.Leak("same-" + Guid.NewGuid().ToString("N")[..6], at)),
            Joined(TestSignals.Leak("wider-" + Guid.NewGuid().ToString("N")[..6], at) with { Jurisdictions = ["DE", "GB"] })]);

        Assert.Equal(3, run.Summary.Signals);
        Assert.Equal(2, run.Evidence.Count(r => r.Kind == "signal.joined"));
        var revised = Assert.Single(run.Evidence, r => r.Kind == "assessment.revised");
        Assert.Contains("uk-gdpr-art33", revised.Summary, StringComparison.Ordinal);
        Assert.Contains(run.Summary.Obligations, o => o.Regime == "uk-gdpr-art33");
    }

    [Fact]
    public async Task Signal_StormOfJoins_StoredRecordKeepsLatestTimelineAndTheWholeCount()
    {
        var at = DateTimeOffset.UtcNow;
        var joins = Enumerable.Range(0, 40)
            .Select(i => (IncidentEvent)new SignalJoinedEvent(TestSignals.Leak($"storm-{i}-" + Guid.NewGuid().ToString("N")[..6], at)))
            .ToArray();

        var run = await RunWithEventsAsync(30, joins);

        Assert.Equal(41, run.Summary.Signals);
        Assert.True(run.Summary.Timeline.Count > IncidentRun.RecordedTimelineEntries, "the output keeps the whole timeline");
        Assert.Equal(run.Summary.Timeline.Count, run.Summary.TimelineCount);
        var stored = Assert.IsType<IncidentSummary>(run.Stored);
        Assert.Equal(IncidentRun.RecordedTimelineEntries, stored.Timeline.Count);
        Assert.Equal(run.Summary.TimelineCount, stored.TimelineCount);
        Assert.Equal(run.Summary.Timeline[^1], stored.Timeline[^1]);
        Assert.Equal(41, stored.Signals);
    }
}
