using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Salesforce;
using ServerlessIR.Local.Tests.Hosting;
using Xunit.Abstractions;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// The host goes away in the middle of containment and a new one takes over the same task hub: the durable history in
/// Azurite carries the incident on, and no effect on Salesforce, Key Vault or the owning service is applied twice.
/// The run's Azurite under its own prefix, state folder and task hub, so the shared fixture's incidents cannot join or steal this one.
/// </summary>
[Trait("Category", "Storage")]
public sealed class KillMidContainmentTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "ir-restart-" + Guid.NewGuid().ToString("N"));
    private TestStorageAccount storage = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(state);
        // The run's Azurite, which outlives both hosts as Azure Storage outlives a Functions worker.
        storage = await TestAzurite.GetAsync();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(state, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Containment_HostStoppedMidwayAndRestarted_ContainedWithEachEffectAppliedOnce()
    {
        var options = new LocalPipelineOptions
        {
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StateFolder = state,
            // Its own prefix and task hub, so the shared fixture's incidents cannot join or steal this one.
            StoragePrefix = TestStorageAccount.NewPrefix("restart"),
            // The test's alerts stand in for the trusted relay: this test is not about the step gate.
            DrillTrustedSources = ["/tests/"],
            TaskHub = TestStorageAccount.NewTaskHub("restart"),
            TimeScale = 36_000,
            // The test is about containment; an incident hour of clock watch afterwards is enough to see it end. (At 30
            // hours every checkpoint, notice draft and reminder of the first day ran after the restart as well.)
            HorizonHours = 1,
            // Nobody answers the freeze approval here; the playbook's default applies once every tier's wait has run out.
            // At the 5 s floor those waits took about 58 real seconds, long enough to run out the test's deadline on a
            // loaded machine; the approval path itself is tested elsewhere.
            HumanWaitFloorSeconds = 1,
            // No visibility timeout of its own: the restart is measured with the one both hosts ship (DurableQueueTimings).
        };
        var first = await LocalPipeline.StartAsync(options);
        LocalStandInStates standIns;
        string incidentId;
        int revokesBefore, sessionDeletesBefore, bnplTokens;
        try
        {
            standIns = first.StandInStates!;
            var salesforce = standIns.Salesforce;
            bnplTokens = salesforce.Tokens.Values.Count(t => t.AppName == "BNPL Scoring Connector");
            // Slow enough that the stop lands inside a step, fast enough to finish in well under a minute.
            salesforce.Faults = new StandInFaults { LatencyMs = 700 };
            incidentId = await TestAlerts.PostBnplLeakAsync(first, "restart");

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            // The steps after preserve-event-logs run in parallel: stopped once revocation and the session ends are both under
            // way, before the freeze (behind approval, asked once the others' calls are in) has run.
            while (!(Count(salesforce, "revoke") >= 1 && Count(salesforce, "delete AuthSession") >= 1))
            {
                Assert.True(Count(salesforce, "UserLogin.IsFrozen=true") == 0, "containment finished before the host could be stopped");
                await Task.Delay(50, wait.Token);
            }
            revokesBefore = Count(salesforce, "revoke");
            sessionDeletesBefore = Count(salesforce, "delete AuthSession");
        }
        finally
        {
            // Stops the API, worker, engine and stand-in host without waiting for the orchestration.
            await first.DisposeAsync();
        }
        Assert.Equal(0, Count(standIns.Salesforce, "UserLogin.IsFrozen=true"));

        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await using var second = await LocalPipeline.StartAsync(options with { ReuseStandIns = standIns });
        // Restart to completion took 38 s on an idle two-core machine and 145 s on one shared with other builds and
        // test runs (up to the visibility timeout of it the stopped host's work items becoming visible again): the deadline
        // guards against a hang.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        // What the restarted host went through, with real seconds since the restart: the failure message shows where it stalled.
        var seen = new List<string>();
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            string? last = null;
            while (!watching.IsCancellationRequested)
            {
                var now = await second.Client.GetInstanceAsync(incidentId, getInputsAndOutputs: true, CancellationToken.None);
                var status = $"{now?.RuntimeStatus} {now?.SerializedCustomStatus}";
                if (status != last)
                {
                    lock (seen) { seen.Add($"{restarted.Elapsed.TotalSeconds:0.0} s {status}"); }
                    last = status;
                }
                try { await Task.Delay(1000, watching.Token); } catch (OperationCanceledException) { }
            }
        });
        OrchestrationMetadata done;
        try
        {
            done = await second.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await watching.CancelAsync();
            await watch;
            Assert.Fail($"not finished {restarted.Elapsed.TotalSeconds:0} s after restart; effects: " +
                string.Join(", ", standIns.Salesforce.Effects.Select(e => e.Kind)) + "; states: " + string.Join(" | ", seen));
            throw;
        }
        await watching.CancelAsync();
        await watch;
        output.WriteLine(string.Join(Environment.NewLine, seen));
        // The evidence in real time since the restart, so a slow run shows which step took the time.
        var restartedAt = DateTimeOffset.UtcNow - restarted.Elapsed;
        var records = await second.Services.GetRequiredService<IEvidenceLedger>().ReadAsync(incidentId);
        foreach (var record in records)
        {
            output.WriteLine($"{(record.WallTime - restartedAt).TotalSeconds,7:0.0} s  {record.Kind}  {record.Summary[..Math.Min(80, record.Summary.Length)]}");
        }
        // The resume time docs/performance.md reports: from the restart to the first record the new host wrote.
        var resumed = records.Where(r => r.WallTime >= restartedAt).Select(r => (r.WallTime - restartedAt).TotalSeconds).DefaultIfEmpty(double.NaN).Min();
        output.WriteLine($"resumed {resumed:0.0} s after the restart (visibility timeout {DurableQueueTimings.VisibilityTimeout.TotalSeconds:0} s)");
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails} {done.SerializedOutput}");
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        output.WriteLine(string.Join(Environment.NewLine, summary.Containment.Select(c => $"{c.Action}: {c.Status} after {c.Attempts} attempt(s)")));
        output.WriteLine($"stopped after {sessionDeletesBefore} session delete(s); restart to completion {restarted.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(IncidentStatus.Contained, summary.Status);
        Assert.Equal(8, summary.Containment.Count);
        // Each step once in the evidence as well: none repeated by the host that took over.
        Assert.Equal(8, records.Count(r => r.Kind == EvidenceKinds.ContainmentSucceeded));
        Assert.All(summary.Containment, c => Assert.True(c.Done, $"{c.Action}: {c.Status} {c.Detail}"));
        var effects = standIns.Salesforce.Effects;
        Assert.All(effects.GroupBy(e => (e.Kind, e.Target)), g => Assert.Single(g));
        // Every token revoked once, whether before the stop or after the restart.
        Assert.InRange(revokesBefore, 1, bnplTokens);
        Assert.Equal(bnplTokens, Count(standIns.Salesforce, "revoke"));
        Assert.Equal(2, Count(standIns.Salesforce, "delete AuthSession"));
        Assert.InRange(sessionDeletesBefore, 1, 2);
        Assert.Equal(2, Count(standIns.Salesforce, "delete PermissionSetAssignment"));
        Assert.Single(effects, e => e.Kind == "UserLogin.IsFrozen=true");
        Assert.Single(effects, e => e.Kind == "TransactionSecurityPolicy.State=Enabled");
        Assert.Single(effects, e => e.Kind == "rotate-secret");
        Assert.Single(standIns.AiFeatures.Effects, e => e.Target == "bnpl-credit-scoring" && e.Kind == "mode=manual-review");
        var rotated = second.Playbook.AiSystems.Single(a => a.Id == "bnpl-credit-scoring").Integration!.RotateSecrets.Single().Secret;
        var versions = standIns.SecretVault.Versions(rotated);
        Assert.Equal(2, versions.Count);
        Assert.Single(versions, v => v.Enabled && v.Tags.Count > 0);
    }

    private static int Count(SalesforceStandInState salesforce, string kind) => salesforce.Effects.Count(e => e.Kind == kind);
}
