using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>An incident that cannot be assessed fails, and says so in its record and evidence rather than staying Open.</summary>
[Trait("Category", "Durable")]
public sealed class IncidentPlanFailureTests
{
    [Fact]
    public async Task RunAsync_AssessmentKeepsFailing_RecordAndEvidenceSayFailed()
    {
        var (ledger, store) = (new MemoryLedger(), new MemoryIncidents());
        await using var host = await DurableTaskTestHost.StartAsync(r => r.AddServerlessIRTasks(), new DurableTaskTestHostOptions
        {
            ConfigureServices = services =>
            {
                IncidentTestServices.Register(services, TestPlaybook.RevokeOnly(), ledger, store);
                services.AddSingleton<IPlaybookProvider>(new UnreadablePlaybook());
            },
        });
        var id = "inc-unplanned-" + Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow;
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator),
            new IncidentInput(id, at, TestSignals.Leak(id, at), new IncidentRuntime(360_000, 96, 1)), new StartOrchestrationOptions(id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(IncidentStatus.Failed, store.Rows[id].Status);
        var records = await ledger.ReadAsync(id);
        var closed = Assert.Single(records, r => r.Kind == EvidenceKinds.IncidentClosed);
        Assert.Equal(nameof(IncidentStatus.Failed), (string?)closed.Payload!["status"]);
        Assert.True(EvidenceVerifier.Verify(id, records).Verified);
    }

    private sealed class UnreadablePlaybook : IPlaybookProvider
    {
        public Playbook Current => throw new InvalidOperationException("the playbook store cannot be read");
    }
}
