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
/// In production (no horizon) an incident stays open for joins until its correlation window has closed, even when it has
/// no clock to watch: a signal raised on a completed instance would be discarded.
/// </summary>
[Trait("Category", "Durable")]
public sealed class IncidentLingerTests
{
    // Far longer than containment takes on a loaded two-core machine (it took 54 s there once): the test ends the
    // incident itself once the join is counted, so it never waits for the window to run out.
    private const double WindowSeconds = 600;

    [Fact]
    public async Task RunAsync_NoObligationsInProduction_StaysOpenForJoinsUntilTheWindowCloses()
    {
        // No EU establishment, no NIS2, and a signal naming no country or AI system: no obligation, no checkpoint.
        var basis = TestPlaybook.RevokeOnly();
        var playbook = basis with
        {
            Organisation = basis.Organisation with { EuMainEstablishment = null, Nis2Entity = false },
            Ingestion = basis.Ingestion with { CorrelationWindowHours = WindowSeconds / 3600 },
        };
        await using var host = await IncidentTestHost.StartAsync(playbook);
        var (store, ledger) = (host.Store, host.Ledger);
        var openedAt = DateTimeOffset.UtcNow;
        Signal Quiet(string signalId) => new()
        {
            Id = signalId,
            Source = "test",
            Kind = "ai-data-leak",
            OccurredAt = openedAt,
            OrgId = "northwind-prod",
            DataCategories = ["contact"],
            SubjectCount = 10,
            Summary = "quiet leak",
            PayloadRef = "blob:raw-alerts/" + signalId,
        };
        var id = await host.OpenAsync("inc-linger-", IncidentRuntime.Production with { HumanWaitFloorSeconds = 1 }, openedAt, Quiet);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        while (store.Rows.GetValueOrDefault(id)?.Timeline.Any(t => t.Kind.StartsWith("incident.contain", StringComparison.Ordinal)) != true)
        {
            await Task.Delay(20, timeout.Token);
        }
        Assert.Empty(store.Rows[id].Obligations);
        Assert.True(DateTimeOffset.UtcNow < openedAt.AddSeconds(WindowSeconds), "containment outlasted the whole correlation window");
        await host.Client.RaiseEventAsync(id, IncidentEvent.Name, new SignalJoinedEvent(Quiet("late-join")), timeout.Token);
        while (store.Rows[id].Signals < 2)
        {
            await Task.Delay(20, timeout.Token);
        }
        // Counted after containment, and still open for more: with no clock, the window alone keeps it running.
        Assert.Contains(await ledger.ReadAsync(id), r => r.Kind == "signal.joined");
        var running = await host.Client.GetInstanceAsync(id, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Running, running!.RuntimeStatus);

        await host.Client.RaiseEventAsync(id, IncidentEvent.Name,
            SecondedEvents.Seconded(id, new FalsePositiveDeclaredEvent(new FalsePositiveRequest("dpo@northwind.example", "test over"))), timeout.Token);
        var summary = await host.WaitForSummaryAsync(id, timeout.Token);
        Assert.Equal(2, summary.Signals);
        Assert.Equal(IncidentStatus.FalsePositive, summary.Status);
    }
}
