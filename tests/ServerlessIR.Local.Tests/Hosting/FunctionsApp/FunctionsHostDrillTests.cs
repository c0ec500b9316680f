using System.Text.Json.Nodes;
using ServerlessIR.Core.Containment;
using ServerlessIR.Local.Drill;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting.FunctionsApp;

/// <summary>
/// One whole incident, the default drill, through the Functions app's own function classes (<c>--host functions</c>):
/// alerts through its HTTP trigger, the orchestrator through its orchestration trigger, every activity through its
/// activity trigger, people through its approval and notice triggers, the relay through its timer.
/// </summary>
[Trait("Category", "Storage")]
[Trait("Category", "Durable")]
public sealed class FunctionsHostDrillTests
{
    private static readonly IEnumerable<string> ContainmentActivities = ContainmentActions.All.Select(a => a.Activity.Name);

    [Fact]
    public async Task RunAsync_DefaultScenarioOnFunctionsHost_ContainsAndClosesThroughTheFunctionClasses()
    {
        var state = Path.Combine(Path.GetTempPath(), "ir-func-drill-" + Guid.NewGuid().ToString("N"));
        var reports = Path.Combine(state, "report");
        var storage = await TestAzurite.GetAsync();
        try
        {
            using var output = new StringWriter();
            // The run's one Azurite, under this drill's own prefix and task hub.
            var exit = await new DrillRunner(output).RunAsync(new DrillRunner.Options(
                TimeScale: 3600, ReportDir: reports, HorizonHours: 30, Host: PipelineHost.Functions, StateFolder: state,
                AzuriteBlobPort: storage.BlobPort, StoragePrefix: TestStorageAccount.NewPrefix("fd"), TaskHub: TestStorageAccount.NewTaskHub("funcdrill")));

            Assert.True(exit == 0, output.ToString());
            var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")))!;
            Assert.Equal("functions", (string?)report["host"]);
            var incident = report["incidents"]!.AsArray().Single()!;
            // The drill's people close it with a post-incident review once its clocks are done (docs/lifecycle.md).
            Assert.Equal("Closed", (string?)incident["status"]);
            Assert.Equal("bnpl-credit-scoring", (string?)incident["review"]!["riskRegister"]![0]!["aiSystem"]);
            Assert.NotNull((string?)incident["review"]!["approval"]!["approvedBy"]);
            Assert.DoesNotContain(incident["tasks"]!.AsArray(), t => (string?)t!["status"] == "Open");
            var containment = incident["containment"]!.AsArray();
            Assert.Equal(8, containment.Count);
            Assert.All(containment, c => Assert.Equal("Succeeded", (string?)c!["status"]));
            var approvals = incident["approvals"]!.AsArray();
            Assert.Contains(approvals, a => (int?)a!["tier"] == 1 && (string?)a["decision"] == "TimedOut");
            Assert.Contains(approvals, a => (int?)a!["tier"] == 2 && (string?)a["decision"] == "Approved");
            Assert.Contains(incident["obligations"]!.AsArray(), o => (string?)o!["status"] == "Submitted");
            Assert.True((bool?)incident["evidence"]!["verified"]);

            var invocations = report["functionInvocations"]!.AsObject();
            foreach (var function in ContainmentActivities.Concat(["IncidentOrchestrator", "PlanIncidentActivity", "RequestApprovalActivity",
                         "DraftNoticeActivity", "Events", "Approval", "Notice", "SalesforceRelay", "ResolveIncidentTask", "CloseIncident"]))
            {
                Assert.True((int?)invocations[function] > 0, $"{function} never ran through its [Function] wrapper: {invocations.ToJsonString()}");
            }
            Assert.Contains("(functions host)", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("Host functions", await File.ReadAllTextAsync(Path.Combine(reports, "report.md")), StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
