using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using ServerlessIR.Core;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>
/// The Durable Task in-process test host with the real orchestrator and activities over the in-memory fakes: the setup
/// every orchestration test shares. Start it, open an incident, wait for it, read what the fakes saw.
/// </summary>
public sealed class IncidentTestHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost host;

    private IncidentTestHost(DurableTaskTestHost host, MemoryLedger ledger, MemoryIncidents store, MemoryMail mail, FakeSalesforce salesforce,
        PeopleFakes people, MemoryJoinLedger joins, SwitchableKillSwitch killSwitch)
    {
        this.host = host;
        (Ledger, Store, Mail, Salesforce, People, Joins, KillSwitch) = (ledger, store, mail, salesforce, people, joins, killSwitch);
    }

    public DurableTaskClient Client => host.Client;
    public MemoryLedger Ledger { get; }
    public MemoryIncidents Store { get; }
    public MemoryMail Mail { get; }
    public FakeSalesforce Salesforce { get; }
    public PeopleFakes People { get; }

    /// <summary>The join ledger the incidents take quiet joins from; a test records in it as ingestion would.</summary>
    public MemoryJoinLedger Joins { get; }

    /// <summary>The kill switch the step gate reads.</summary>
    public SwitchableKillSwitch KillSwitch { get; }

    /// <summary>Starts the host with <paramref name="playbook"/> and fresh fakes (or the given ones).</summary>
    public static async Task<IncidentTestHost> StartAsync(Playbook playbook, FakeSalesforce? salesforce = null, MemoryLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var (store, mail, people, joins, killSwitch) = (new MemoryIncidents(), new MemoryMail(), new PeopleFakes(), new MemoryJoinLedger(), new SwitchableKillSwitch());
        ledger ??= new MemoryLedger();
        salesforce ??= new FakeSalesforce();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var host = await DurableTaskTestHost.StartAsync(r => r.AddServerlessIRTasks(), new DurableTaskTestHostOptions
                {
                    ConfigureServices = services => IncidentTestServices.Register(services, playbook, ledger, store, mail, salesforce, people, joins, killSwitch),
                });
                return new IncidentTestHost(host, ledger, store, mail, salesforce, people, joins, killSwitch);
            }
            catch (IOException ex) when (attempt < 5 && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // The test host picks its gRPC port at random; another process on the machine (a local host in the
                // other test lane) can hold it. A fresh start picks another.
            }
        }
    }

    /// <summary>
    /// Opens an incident (ID <paramref name="idPrefix"/> plus a random suffix) with <paramref name="signal"/>, or the test
    /// leak, at <paramref name="revision"/> (a new incident's by default; an older one as an incident started by an older build).
    /// </summary>
    public async Task<string> OpenAsync(string idPrefix, IncidentRuntime runtime, DateTimeOffset? openedAt = null, Func<string, Signal>? signal = null,
        int revision = IncidentInput.CurrentRevision)
    {
        var id = idPrefix + Guid.NewGuid().ToString("N")[..8];
        var at = openedAt ?? DateTimeOffset.UtcNow;
        var input = new IncidentInput(id, at, signal?.Invoke(id) ?? TestSignals.Leak(id, at), runtime, Revision: revision);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator), input, new StartOrchestrationOptions(id));
        return id;
    }

    /// <summary>Waits for the incident's orchestration to end, and throws with its failure unless it completed.</summary>
    public async Task<IncidentSummary> WaitForSummaryAsync(string id, CancellationToken cancellationToken)
    {
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
#pragma warning disable CS0618 // An engine may still report the obsolete status for a moment while the next generation starts.
        while (done.RuntimeStatus == OrchestrationRuntimeStatus.ContinuedAsNew)
#pragma warning restore CS0618
        {
            await Task.Delay(50, cancellationToken);
            done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
        }
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"incident {id} ended {done.RuntimeStatus}: {done.FailureDetails}");
        }
        return done.ReadOutputAs<IncidentSummary>() ?? throw new InvalidOperationException($"incident {id} completed without a summary");
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
