using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Salesforce;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Containment;

/// <summary>A whole incident on the local host while the Salesforce stand-in fails 30 % of calls and loses some answers after acting.</summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class ContainmentUnderFaultsTests(LocalPipelineFixture fixture)
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task Incident_ThirtyPercentTransientFaults_ContainedWithEachEffectAppliedOnce()
    {
        var salesforce = Pipeline.Salesforce!;
        // Start from the seeded estate: other tests in this collection act on the same stand-in.
        salesforce.Seed(Pipeline.Playbook);
        salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
        var start = salesforce.Effects.Count;
        var featureStart = Pipeline.AiFeatures.Effects.Count;
        var bnplTokens = salesforce.Tokens.Values.Where(t => t.AppName == "BNPL Scoring Connector" && !t.Revoked).Select(t => t.Id).ToList();
        salesforce.SetSeed(11);
        salesforce.Faults = new StandInFaults { FailureRate = 0.3, LostResponseRate = 0.2 };
        try
        {
            var incidentId = await TestAlerts.PostBnplLeakAsync(Pipeline, "faults");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
            var done = await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
            Assert.True(done.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails} {done.SerializedOutput}");
            var summary = done.ReadOutputAs<IncidentSummary>()!;

            Assert.Equal(IncidentStatus.Contained, summary.Status);
            Assert.Equal(8, summary.Containment.Count);
            Assert.All(summary.Containment, c => Assert.True(c.Done, $"{c.Action}: {c.Status} {c.Detail}"));
            Assert.Contains(salesforce.Calls, c => c.Status == 503);

            var effects = salesforce.Effects.Skip(start).ToList();
            Assert.All(effects.GroupBy(e => (e.Kind, e.Target)), g => Assert.Single(g));
            Assert.Equal(bnplTokens.Order(StringComparer.Ordinal), effects.Where(e => e.Kind == "revoke").Select(e => e.Target).Order(StringComparer.Ordinal));
            Assert.Equal(2, effects.Count(e => e.Kind == "delete PermissionSetAssignment"));
            Assert.Equal(2, effects.Count(e => e.Kind == "delete AuthSession"));
            Assert.Single(effects, e => e.Kind == "UserLogin.IsFrozen=true");
            Assert.Single(effects, e => e.Kind == "TransactionSecurityPolicy.State=Enabled");
            Assert.Single(effects, e => e.Kind == "rotate-secret");
            Assert.Single(Pipeline.AiFeatures.Effects.Skip(featureStart), e => e.Target == "bnpl-credit-scoring" && e.Kind == "mode=manual-review");
        }
        finally
        {
            salesforce.Faults = new StandInFaults();
        }
    }
}
