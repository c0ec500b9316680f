using System.Text.Json.Nodes;
using ServerlessIR.Local.Drill;

namespace ServerlessIR.Local.Tests.Drill;

/// <summary>A real drill (local host, Azurite, stand-ins) of a scenario with a criterion it cannot meet: it exits non-zero
/// and its reports show the criterion with the value it measured.</summary>
[Trait("Category", "Storage")]
public sealed class DrillCriteriaTests
{
    [Fact]
    public async Task RunAsync_UnmeetableCriterion_ExitsOneAndReportShowsTheMeasuredValue()
    {
        var state = Path.Combine(Path.GetTempPath(), "ir-criteria-drill-" + Guid.NewGuid().ToString("N"));
        var reports = Path.Combine(state, "report");
        Directory.CreateDirectory(state);
        var file = Path.Combine(state, "unmeetable.json");
        // The salesforce-anomaly alerts open one incident; the scenario asks for two.
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Scenario.CatalogueFolder, "salesforce-anomaly.json")))!.AsObject();
        json["name"] = "unmeetable";
        json["criteria"] = new JsonObject { ["incidents"] = 2, ["evidenceVerified"] = true };
        await File.WriteAllTextAsync(file, json.ToJsonString());
        var storage = await TestAzurite.GetAsync();
        try
        {
            using var output = new StringWriter();
            var exit = await new DrillRunner(output).RunAsync(new DrillRunner.Options(
                Scenario: file, TimeScale: 3600, ReportDir: reports, HorizonHours: 30, StateFolder: state,
                AzuriteBlobPort: storage.BlobPort, StoragePrefix: TestStorageAccount.NewPrefix("cr"), TaskHub: TestStorageAccount.NewTaskHub("criteria")));

            Assert.True(exit == 1, output.ToString());
            var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")))!;
            Assert.False((bool?)report["passed"]);
            var incidents = report["criteria"]!.AsArray().Single(c => (string?)c!["name"] == "incidents")!;
            Assert.Equal("1", (string?)incidents["measured"]);
            Assert.Equal("exactly 2", (string?)incidents["expected"]);
            Assert.False((bool?)incidents["passed"]);
            Assert.True((bool?)report["criteria"]!.AsArray().Single(c => (string?)c!["name"] == "evidenceVerified")!["passed"]);
            Assert.Contains("| `incidents` | exactly 2 | 1 | **FAIL** |", await File.ReadAllTextAsync(Path.Combine(reports, "report.md")), StringComparison.Ordinal);
            Assert.Contains("FAIL  incidents: expected exactly 2; measured 1", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
