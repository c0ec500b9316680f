using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// A storm must not hold containment: quiet joins keep arriving, each take of them is slower than the next wake, and the
/// incident still contains while the storm goes on, taking the joins between its steps (docs/performance.md).
/// </summary>
[Trait("Category", "Durable")]
public sealed class ContainmentInStormTests
{
    private const double Scale = 5_760;
    private static readonly TimeSpan StormCap = TimeSpan.FromSeconds(40);
    private const int StormBeforeTheStep = 10;

    [Fact]
    public async Task RunAsync_JoinsKeepComingFasterThanTheyAreTaken_ContainsWhileTheStormGoesOnAndCountsEverySignal()
    {
        // The revocation is held until the storm has begun: otherwise an incident that contains before the first join
        // (the test's thread slowed by a busy machine) leaves no storm to contain in.
        var salesforce = new FakeSalesforce { QueryGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly(), salesforce);
        // Each take runs on for longer after its read than the storm takes to record the next join and raise its wake, so
        // a new wake is always in by the time a take ends: a drain that took every wake would never end while the storm lasts.
        host.Joins.TakeDelay = TimeSpan.FromMilliseconds(150);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var at = DateTimeOffset.UtcNow;
        Signal? opener = null;
        var id = await host.OpenAsync("inc-storm-", new IncidentRuntime(Scale, 24, 1), at, incident => opener = TestSignals.Leak(incident, at));
        await host.Joins.OpenAsync(id, IncidentScope.Of([opener!]), timeout.Token);

        // The storm lasts until the incident has contained (or the cap): a join every 20 ms, with the wake ingestion raises.
        var sent = 0;
        var storm = System.Diagnostics.Stopwatch.StartNew();
        while (storm.Elapsed < StormCap && !(await host.Ledger.ReadAsync(id, timeout.Token)).Any(r => r.Kind == EvidenceKinds.IncidentContained))
        {
            var joined = opener! with { Id = $"{id}-j{sent}", Summary = "storm" };
            if (await host.Joins.TryRecordAsync(id, joined, "sha256:" + joined.Id, timeout.Token) == QuietJoin.RecordedWake)
            {
                await host.Client.RaiseEventAsync(id, IncidentEvent.Name, new SignalsPendingEvent(), timeout.Token);
            }
            sent++;
            if (sent == StormBeforeTheStep)
            {
                salesforce.QueryGate.SetResult();
            }
            await Task.Delay(20, timeout.Token);
        }
        var containedAfter = storm.Elapsed;

        var summary = await host.WaitForSummaryAsync(id, timeout.Token);
        var records = await host.Ledger.ReadAsync(id, timeout.Token);

        Assert.True(containedAfter < StormCap, $"not contained while {sent} joins kept coming for {StormCap.TotalSeconds:0} s");
        var contained = Assert.Single(records, r => r.Kind == EvidenceKinds.IncidentContained).Sequence;
        // The storm was on while it contained: joins were taken before the containment ended, and after it.
        Assert.Contains(records, r => r.Kind == EvidenceKinds.SignalsJoined && r.Sequence < contained);
        Assert.Contains(records, r => r.Kind == EvidenceKinds.SignalsJoined && r.Sequence > contained);
        Assert.Equal(sent + 1, summary.Signals);
        Assert.True(EvidenceVerifier.Verify(id, records).Verified);
    }
}
