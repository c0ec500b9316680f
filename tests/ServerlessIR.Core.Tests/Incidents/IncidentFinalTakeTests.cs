using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// The incident's final take: a quiet join whose wake never came is still counted, and once the incident has taken its
/// last batch its ledger refuses further quiet joins, so ingestion sends them to a follow-on instead of answering them
/// as joined to an incident that will never count them.
/// </summary>
[Trait("Category", "Durable")]
public sealed class IncidentFinalTakeTests
{
    private const double Scale = 360_000;

    private static async Task<(IncidentSummary Summary, string Id)> RunWithUnwokenJoinAsync(
        IncidentTestHost host, string idPrefix, Func<string, DateTimeOffset, Signal> first)
    {
        var id = idPrefix + Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow;
        var opener = first(id, at);
        // As ingestion does: the scope from the first signal, then a quiet join recorded before the instance starts and
        // no wake raised, so only the final take can count it.
        await host.Joins.OpenAsync(id, IncidentScope.Of([opener]));
        Assert.NotEqual(QuietJoin.Declined, await host.Joins.TryRecordAsync(id, opener with { Id = id + "-quiet" }, "sha256:quiet"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator),
            new IncidentInput(id, at, opener, new IncidentRuntime(Scale, 96, 1)), new StartOrchestrationOptions(id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        return (await host.WaitForSummaryAsync(id, timeout.Token), id);
    }

    [Fact]
    public async Task RunAsync_QuietJoinWithoutAWake_CountedByTheFinalTakeThenLedgerRefusesMore()
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());

        var (summary, id) = await RunWithUnwokenJoinAsync(host, "inc-final-", (incident, at) => TestSignals.Leak(incident, at));

        Assert.Contains(id + "-quiet", summary.SignalIds);
        Assert.Equal(2, summary.Signals);
        Assert.Contains(await host.Ledger.ReadAsync(id), r => r.Kind == EvidenceKinds.SignalsJoined);
        Assert.True(host.Joins.IsSealed(id));
        Assert.Equal(QuietJoin.Closed, await host.Joins.TryRecordAsync(id, TestSignals.Leak(id) with { Id = id + "-late" }, "sha256:late"));
    }

    [Fact]
    public async Task RunAsync_SmokeTestWithAQuietJoin_CountedWithoutAssessment()
    {
        await using var host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());

        var (summary, id) = await RunWithUnwokenJoinAsync(host, "smoke-test-",
            (incident, at) => TestSignals.Leak(incident, at) with { Kind = SmokeTestSource.Kind });

        Assert.Equal(IncidentStatus.Closed, summary.Status);
        Assert.Null(summary.Severity);
        Assert.Contains(id + "-quiet", summary.SignalIds);
        Assert.True(host.Joins.IsSealed(id));
    }
}
