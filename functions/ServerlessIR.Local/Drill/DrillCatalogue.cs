using System.Diagnostics;
using System.Globalization;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// <c>ir drill --all</c>: runs every scenario of the catalogue (<c>Scenarios/*.json</c>) one after another, each in its own
/// pipeline and task hub, judges each by its pass criteria and writes the scorecard (<see cref="ScorecardWriter"/>) under the
/// report folder. Exits 0 only when every scenario passed.
/// </summary>
public sealed class DrillCatalogue(TextWriter output)
{
    public async Task<int> RunAsync(DrillRunner.Options options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = Scenario.CatalogueNames();
        if (names.Count == 0)
        {
            await output.WriteLineAsync($"No scenarios in {Scenario.CatalogueFolder}.");
            return 1;
        }
        var wall = Stopwatch.StartNew();
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var dir = options.ReportDir ?? Path.Combine(LocalPaths.Discover(options.StateFolder).State, "drills", "catalogue");
        await output.WriteLineAsync($"ServerlessIR drill catalogue: {names.Count} scenarios ({string.Join(", ", names)}); reports under {dir}");
        var scenarios = new List<ScorecardScenario>();
        foreach (var name in names)
        {
            var scenarioWall = Stopwatch.StartNew();
            var reportDir = Path.Combine(dir, run, name);
            try
            {
                var result = await new DrillRunner(output).RunDrillAsync(options with
                {
                    Scenario = name,
                    ReportDir = reportDir,
                    TaskHub = options.TaskHub is null ? null : options.TaskHub + scenarios.Count.ToString(CultureInfo.InvariantCulture),
                }, cancellationToken);
                scenarios.Add(new ScorecardScenario(name, result.ExitCode == 0 && result.Report is not null, Math.Round(scenarioWall.Elapsed.TotalSeconds, 1),
                    result.Report?.Criteria ?? [], result.ReportDir, result.Report is null ? $"the drill ended with exit code {result.ExitCode} and no report" : null));
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidDataException or InvalidOperationException or HttpRequestException or IOException)
            {
                // One scenario that cannot finish is a failed row, not the end of the catalogue.
                await output.WriteLineAsync($"Scenario '{name}' did not finish: {ex.Message}");
                scenarios.Add(new ScorecardScenario(name, false, Math.Round(scenarioWall.Elapsed.TotalSeconds, 1), [], null, ex.Message));
            }
            await output.WriteLineAsync();
        }
        var host = DrillReport.HostName(options.Host);
        var scorecard = new ScorecardRun(run, DateTimeOffset.UtcNow, host, Math.Round(wall.Elapsed.TotalSeconds, 1), scenarios);
        await ScorecardWriter.WriteAsync(dir, scorecard, cancellationToken);
        await output.WriteLineAsync("Scorecard:");
        foreach (var s in scenarios)
        {
            var failed = s.Criteria.Where(c => !c.Passed).Select(c => $"{c.Name} (measured {c.Measured})").ToList();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {(s.Passed ? "pass" : "FAIL"),-4}  {s.Name,-32} {s.WallSeconds,6:0} s  {s.Criteria.Count(c => c.Passed)}/{s.Criteria.Count} criteria{(failed.Count > 0 ? "; failed: " + string.Join("; ", failed) : "")}{(s.Error is null ? "" : "; " + s.Error)}"));
        }
        await output.WriteLineAsync($"Scorecard: {Path.Combine(dir, "scorecard.html")} (also scorecard.json, {ScorecardWriter.HistoryFile}); {scenarios.Count(s => s.Passed)}/{scenarios.Count} scenarios passed in {wall.Elapsed.TotalSeconds:0} s");
        return scorecard.Passed ? 0 : 1;
    }
}
