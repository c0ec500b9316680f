using System.Text.Json;
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
public sealed class IncidentLingerTests
{
    // Long enough that a loaded machine still raises the join inside the window, short enough for a unit test.
    private const double WindowSeconds = 10;

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
        var store = new MemoryIncidents();
        var ledger = new MemoryLedger();
        await using var host = await DurableTaskTestHost.StartAsync(r => r.AddServerlessIRTasks(), new DurableTaskTestHostOptions
        {
            ConfigureServices = services =>
            {
                IncidentTestServices.Register(services, playbook, ledger, store);
            },
        });
        var id = "inc-linger-" + Guid.NewGuid().ToString("N")[..8];
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
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator),
            new IncidentInput(id, openedAt, Quiet(id), IncidentRuntime.Production with { HumanWaitFloorSeconds = 1 }), new StartOrchestrationOptions(id));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (store.Rows.GetValueOrDefault(id)?.Timeline.Any(t => t.Kind.StartsWith("incident.contain", StringComparison.Ordinal)) != true)
        {
            await Task.Delay(20, timeout.Token);
        }
        Assert.Empty(store.Rows[id].Obligations);
        Assert.True(DateTimeOffset.UtcNow < openedAt.AddSeconds(WindowSeconds), "the machine was too slow to raise the join inside the window");
        await host.Client.RaiseEventAsync(id, IncidentEvent.Name,
            new IncidentEvent(IncidentEvent.Kinds.Signal, JsonSerializer.Serialize(Quiet("late-join"), JsonSerializerOptions.Web)), timeout.Token);

        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        Assert.Equal(2, summary.Signals);
        Assert.Contains(await ledger.ReadAsync(id), r => r.Kind == "signal.joined");
        Assert.True(done.LastUpdatedAt >= openedAt.AddSeconds(WindowSeconds), "completed before the correlation window closed");
    }
}
