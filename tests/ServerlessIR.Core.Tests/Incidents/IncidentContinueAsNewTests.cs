using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.Core.Playbooks;
using Xunit.Abstractions;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// Bounded histories (docs/performance.md#bounded-histories): a storm of joined signals through the clock watch with a
/// low history budget makes the incident continue as new several times, and it ends as the same incident run without
/// continue-as-new: every signal counted, every checkpoint fired once, one contiguous evidence chain, every key used once.
/// </summary>
[Trait("Category", "Durable")]
public sealed class IncidentContinueAsNewTests(ITestOutputHelper output)
{
    // 96 incident hours in about a minute of real time: long enough for the storm to land in the clock watch.
    private const double Scale = 5_760;
    private const int Waves = 8;
    private const int SignalsPerWave = 100;

    private static readonly IReadOnlyDictionary<string, int> TwelveHourly = new Dictionary<string, int>
    {
        ["SEV1"] = 720, ["SEV2"] = 720, ["SEV3"] = 720, ["SEV4"] = 720,
    };

    [Fact]
    public async Task RunAsync_JoinStormInTheClockWatch_ContinuesAsNewAndEndsAsTheSameIncident()
    {
        var playbook = TestPlaybook.RevokeOnly() with { StatusUpdates = new StatusUpdatePolicy { CadenceMinutes = TwelveHourly } };
        await using var host = await IncidentTestHost.StartAsync(playbook);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(540));

        // The same storm, at the same time, on an incident with a low budget and on one that never continues as new.
        // A budget the storm outgrows at least twice (revision 2 writes fewer activities per wave than revision 1 did at 100).
        var bounded = StormAsync(host, "inc-can-", historyEventsPerGeneration: 50, timeout.Token);
        var unbounded = StormAsync(host, "inc-nocan-", historyEventsPerGeneration: 0, timeout.Token);
        var (summary, id, records) = await bounded;
        var (plain, _, plainRecords) = await unbounded;

        var switches = records.Where(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew).ToList();
        Assert.True(switches.Count >= 2, $"continued as new {switches.Count} time(s)");
        Assert.Equal(Enumerable.Range(2, switches.Count), switches.Select(r => r.Payload!["generation"]!.GetValue<int>()));
        Assert.DoesNotContain(plainRecords, r => r.Kind == EvidenceKinds.IncidentContinuedAsNew);
        output.WriteLine($"generations: {switches.Count + 1}; estimated history events per ended generation: "
            + string.Join(", ", switches.Select(r => r.Payload!["previousGenerationEvents"]!.GetValue<int>()))
            + $"; evidence records {records.Count} (without continue-as-new {plainRecords.Count})");

        // Every signal counted once: the opener and the whole storm, each named in exactly one batch record.
        Assert.Equal(1 + Waves * SignalsPerWave, summary.Signals);
        var batched = records.Where(r => r.Kind == EvidenceKinds.SignalsJoined)
            .SelectMany(r => r.Payload!["signals"]!.AsArray().Select(s => s!["signalId"]!.GetValue<string>())).ToList();
        Assert.Equal(Waves * SignalsPerWave, batched.Count);
        Assert.Equal(batched.Count, batched.Distinct().Count());

        // One chain across the generations: contiguous, intact, and the output's head and count are its own.
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        var verified = EvidenceVerifier.Verify(id, records);
        Assert.True(verified.Verified, verified.Problem);
        Assert.Equal(records.Count, summary.EvidenceRecords);
        Assert.Equal(records[^1].Hash, summary.EvidenceHead);
        Assert.Equal(records.Select(r => r.Kind), summary.Timeline.Select(t => t.Kind));

        // Every checkpoint inside the horizon fired exactly once, in both runs alike.
        var fired = records.Where(r => r.Kind == EvidenceKinds.CheckpointFired)
            .Select(r => $"{r.Payload!["regime"]} {r.Payload["recipient"]} {r.Payload["checkpoint"]}").ToList();
        Assert.Equal(fired.Count, fired.Distinct().Count());
        Assert.Equal(Fired(plain), Fired(summary));
        Assert.Equal(Fired(summary).Count, fired.Count);
        Assert.All(summary.Obligations.SelectMany(o => o.Checkpoints).Where(c => c.DueAt <= summary.OpenedAt.AddHours(96)),
            c => Assert.NotNull(c.FiredAt));

        // The DPO's submission raised mid-storm was taken, in whichever generation it landed.
        Assert.Equal(ObligationStatus.Submitted, summary.Obligations.First(o => o.Regime == "gdpr-art33").Status);
        Assert.Equal(
            plain.Obligations.Select(o => $"{o.Regime} {o.Recipient} {o.Status}"),
            summary.Obligations.Select(o => $"{o.Regime} {o.Recipient} {o.Status}"));

        // The rest of the state came through whole: containment, tasks with their reminders, approvals.
        Assert.Equal(plain.Status, summary.Status);
        // Done, not the same status: the two incidents share the fake org, so the second to revoke finds it already done.
        Assert.Equal(plain.Containment.Select(c => (c.Action, c.Done)), summary.Containment.Select(c => (c.Action, c.Done)));
        Assert.Equal(plain.Tasks.Select(t => (t.Id, t.Status, t.RemindedAt is null)), summary.Tasks.Select(t => (t.Id, t.Status, t.RemindedAt is null)));
        Assert.Equal(plain.Approvals.Count, summary.Approvals.Count);

        // Keys made from counts never repeat across generations: status posts 1..n, e-mails each once.
        var posts = records.Where(r => r.Kind == EvidenceKinds.StatusPosted).Select(r => r.Payload!["sequence"]!.GetValue<int>()).ToList();
        Assert.NotEmpty(posts);
        Assert.Equal(Enumerable.Range(1, posts.Count), posts);
        var keys = host.Mail.Sent.Where(m => m.IdempotencyKey.StartsWith(id + "/", StringComparison.Ordinal)).Select(m => m.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(
            host.Mail.Sent.Count(m => m.IdempotencyKey.StartsWith(plain.Id + "/", StringComparison.Ordinal) && !m.IdempotencyKey.Contains("/status/", StringComparison.Ordinal)),
            keys.Count(k => !k.Contains("/status/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_EventsRaisedWhileSwitching_EachTakenOnce()
    {
        var playbook = TestPlaybook.RevokeOnly() with
        {
            FollowUp = new FollowUpPolicy { Tasks = [] },
            StatusUpdates = new StatusUpdatePolicy { CadenceMinutes = new Dictionary<string, int>() },
        };
        await using var host = await IncidentTestHost.StartAsync(playbook);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var at = DateTimeOffset.UtcNow;
        // Each task costs the incident an evidence record and a record write, so a budget of 30 switches every few tasks:
        // tasks raised back to back land before, during and after the switches.
        var id = await host.OpenAsync("inc-can-events-", new IncidentRuntime(Scale, 96, 1, HistoryEventsPerGeneration: 30), at);
        await NoticeIdAsync(host, id, "gdpr-art33", timeout.Token);
        var ids = Enumerable.Range(1, 30).Select(i => $"t-{i:D2}").ToList();
        foreach (var task in ids)
        {
            await host.Client.RaiseEventAsync(id, IncidentEvent.Name,
                new TaskCreatedEvent(new IncidentTask(task, "Check " + task, "dpo@northwind.example", at.AddHours(500), null, "person", "dpo@northwind.example")),
                timeout.Token);
        }
        var summary = await host.WaitForSummaryAsync(id, timeout.Token);
        var records = await host.Ledger.ReadAsync(id, timeout.Token);

        var switches = records.Count(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew);
        output.WriteLine($"{switches} switch(es) while {ids.Count} tasks were raised");
        Assert.True(switches >= 2, $"continued as new {switches} time(s)");
        Assert.Equal(ids, summary.Tasks.Select(t => t.Id).Order(StringComparer.Ordinal));
        var created = records.Where(r => r.Kind == EvidenceKinds.TaskCreated).Select(r => r.Payload!["taskId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids, created.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(records, r => r.Kind == EvidenceKinds.EventIgnored);
        Assert.True(EvidenceVerifier.Verify(id, records).Verified);
    }

    [Fact]
    public async Task AwaitClosureAsync_LongClosureWait_ContinuesAsNewThenClosesWithItsReview()
    {
        var basis = TestPlaybook.RevokeOnly();
        // No obligation (no EU establishment, no NIS2, a signal naming no country): the clocks are done at once and the
        // closure wait is where the history grows, with an hourly status post and a task reminded and escalated in it.
        var playbook = basis with
        {
            Organisation = basis.Organisation with { EuMainEstablishment = null, Nis2Entity = false },
            Ingestion = basis.Ingestion with { CorrelationWindowHours = 1 },
            FollowUp = new FollowUpPolicy { RemindBeforeHours = 1, Tasks = [new FollowUpTask("Rotate the certificate", "dpo", 6)] },
            StatusUpdates = new StatusUpdatePolicy { CadenceMinutes = new Dictionary<string, int> { ["SEV1"] = 60, ["SEV2"] = 60, ["SEV3"] = 60, ["SEV4"] = 60 } },
        };
        await using var host = await IncidentTestHost.StartAsync(playbook);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var id = await host.OpenAsync("inc-can-close-", new IncidentRuntime(3600, HorizonHours: 1, AwaitClosure: true, HistoryEventsPerGeneration: 30),
            signal: incident => TestSignals.Leak(incident) with
            {
                AiSystemId = null, Jurisdictions = [], DataCategories = ["contact"], SubjectCount = 10, Malicious = false,
            });

        IReadOnlyList<EvidenceRecord> records;
        while ((records = await host.Ledger.ReadAsync(id, timeout.Token)).Count(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew
                   && r.Payload!["phase"]!.GetValue<string>() == "closure-wait") < 2
               || !records.Any(r => r.Kind == EvidenceKinds.TaskEscalated))
        {
            await Task.Delay(100, timeout.Token);
        }
        await host.Client.RaiseEventAsync(id, IncidentEvent.Name,
            new TaskResolvedEvent(new TaskResolution("seed-1", IncidentTaskStatus.Waived, "dpo@northwind.example", "Certificate retired instead")), timeout.Token);
        var review = new IncidentReview("An integration user held a bulk export permission", "Permission removed", [], "dpo@northwind.example");
        await host.Client.RaiseEventAsync(id, IncidentEvent.Name, SecondedEvents.Seconded(id, new CloseRequestedEvent(review)), timeout.Token);
        var summary = await host.WaitForSummaryAsync(id, timeout.Token);
        records = await host.Ledger.ReadAsync(id, timeout.Token);

        output.WriteLine($"closure wait: {records.Count(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew)} switch(es), {records.Count} records");
        Assert.Equal(IncidentStatus.Closed, summary.Status);
        Assert.Equal("Permission removed", summary.Review?.ControlChanges);
        Assert.Equal(EvidenceKinds.IncidentClosed, records[^1].Kind);
        // The phase was announced once and the task's alarms rang once each, whatever generation they fell in.
        Assert.Single(records, r => r.Kind == EvidenceKinds.IncidentReviewDue);
        Assert.Single(records, r => r.Kind == EvidenceKinds.TaskReminded);
        Assert.Single(records, r => r.Kind == EvidenceKinds.TaskEscalated);
        Assert.Single(records, r => r.Kind == EvidenceKinds.TaskCreated);
        Assert.Equal(IncidentTaskStatus.Waived, Assert.Single(summary.Tasks).Status);
        var posts = records.Where(r => r.Kind == EvidenceKinds.StatusPosted).Select(r => r.Payload!["sequence"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(1, posts.Count), posts);
        var cards = host.People.Cards.Where(c => c.IdempotencyKey.StartsWith(id + "/status/", StringComparison.Ordinal)).Select(c => c.IdempotencyKey).ToList();
        Assert.Equal(posts.Count, cards.Count);
        Assert.Equal(cards.Count, cards.Distinct().Count());
        var verified = EvidenceVerifier.Verify(id, records);
        Assert.True(verified.Verified, verified.Problem);
        Assert.Equal(records.Count, summary.EvidenceRecords);
    }

    private static List<string> Fired(IncidentSummary summary) =>
        [.. summary.Obligations.SelectMany(o => o.Checkpoints.Where(c => c.FiredAt is not null).Select(c => $"{o.Regime} {o.Recipient} {c.Name}")).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Opens an incident, waits until its notices are drafted (the clock watch begins), then records the storm's quiet joins
    /// in waves, each with the one wake ingestion raises, and the DPO's submission of the GDPR notice halfway through.
    /// </summary>
    private static async Task<(IncidentSummary Summary, string Id, IReadOnlyList<EvidenceRecord> Records)> StormAsync(
        IncidentTestHost host, string idPrefix, int historyEventsPerGeneration, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        Signal? opener = null;
        var id = await host.OpenAsync(idPrefix, new IncidentRuntime(Scale, 96, 1, HistoryEventsPerGeneration: historyEventsPerGeneration), at,
            incident => opener = TestSignals.Leak(incident, at));
        await host.Joins.OpenAsync(id, IncidentScope.Of([opener!]), cancellationToken);
        var noticeId = await NoticeIdAsync(host, id, "gdpr-art33", cancellationToken);
        for (var wave = 0; wave < Waves; wave++)
        {
            for (var i = 0; i < SignalsPerWave; i++)
            {
                var joined = opener! with { Id = $"{id}-j{wave}-{i}", Summary = "storm" };
                Assert.NotEqual(QuietJoin.Declined, await host.Joins.TryRecordAsync(id, joined, "sha256:" + joined.Id, cancellationToken));
            }
            await host.Client.RaiseEventAsync(id, IncidentEvent.Name, new SignalsPendingEvent(), cancellationToken);
            if (wave == Waves / 2)
            {
                await host.Client.RaiseEventAsync(id, IncidentEvent.Name, new NoticeSubmittedEvent(new ApprovalDecision
                {
                    IncidentId = id, ActionId = "gdpr-art33", Tier = "dpo-review", Purpose = ApprovalPurpose.Notice,
                    Outcome = ApprovalOutcome.Submitted, DecidedBy = "dpo@northwind.example", DecidedAt = DateTimeOffset.UtcNow,
                    TokenId = "test-" + noticeId, NoticeId = noticeId,
                }), cancellationToken);
            }
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
        var summary = await host.WaitForSummaryAsync(id, cancellationToken);
        return (summary, id, await host.Ledger.ReadAsync(id, cancellationToken));
    }

    private static async Task<string> NoticeIdAsync(IncidentTestHost host, string id, string regime, CancellationToken cancellationToken)
    {
        string? key;
        while ((key = host.Mail.Sent.Select(m => m.IdempotencyKey)
                   .FirstOrDefault(k => k.StartsWith($"{id}/notice/{regime}-", StringComparison.Ordinal))) is null)
        {
            await Task.Delay(50, cancellationToken);
        }
        return key.Split('/')[2];
    }
}
