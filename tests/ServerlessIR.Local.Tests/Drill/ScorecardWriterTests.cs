using System.Text.Json.Nodes;
using ServerlessIR.Local.Drill;

namespace ServerlessIR.Local.Tests.Drill;

public sealed class ScorecardWriterTests
{
    private static ScorecardRun Run(string id, bool contained) => new(id, DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "local", 300,
    [
        new ScorecardScenario("default", contained, 100,
            [new CriterionResult("status", "Contained", contained ? "Contained" : "Failed", contained), new CriterionResult("incidents", "exactly 1", "1", true)], "/tmp/r"),
    ]);

    [Fact]
    public async Task WriteAsync_TwoRuns_HistoryAndScorecardShowBoth()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ir-scorecard-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ScorecardWriter.WriteAsync(dir, Run("run-1", contained: true));
            var shown = await ScorecardWriter.WriteAsync(dir, Run("run-2", contained: false));

            Assert.Equal(["run-1", "run-2"], shown.Select(r => r.Run));
            Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, ScorecardWriter.HistoryFile)).Length);
            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "scorecard.json")))!;
            Assert.False((bool?)json["passed"]);
            var status = json["scenarios"]![0]!["criteria"]!.AsArray().Single(c => (string?)c!["name"] == "status")!;
            var runs = status["runs"]!.AsArray();
            Assert.Equal(["Contained", "Failed"], runs.Select(r => (string?)r!["measured"]));
            Assert.Equal([true, false], runs.Select(r => (bool?)r!["passed"]));
            var html = await File.ReadAllTextAsync(Path.Combine(dir, "scorecard.html"));
            Assert.Contains("run-1", html, StringComparison.Ordinal);
            Assert.Contains("FAIL: Failed", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_MoreRunsThanShown_KeepsAllInHistoryShowsTheLast()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ir-scorecard-" + Guid.NewGuid().ToString("N"));
        try
        {
            IReadOnlyList<ScorecardRun> shown = [];
            for (var i = 1; i <= ScorecardWriter.RunsShown + 2; i++)
            {
                shown = await ScorecardWriter.WriteAsync(dir, Run($"run-{i}", contained: true));
            }

            Assert.Equal(ScorecardWriter.RunsShown + 2, File.ReadAllLines(Path.Combine(dir, ScorecardWriter.HistoryFile)).Length);
            Assert.Equal(ScorecardWriter.RunsShown, shown.Count);
            Assert.Equal($"run-{ScorecardWriter.RunsShown + 2}", shown[^1].Run);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
