using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// The catalogue's scorecard: each run is appended to <c>history.jsonl</c> in the report folder (one JSON line per run),
/// and <c>scorecard.json</c> and <c>scorecard.html</c> are written afresh from the last <see cref="RunsShown"/> runs, per
/// scenario and per criterion, so a reader sees a criterion that used to pass and now fails.
/// </summary>
public static class ScorecardWriter
{
    public const string HistoryFile = "history.jsonl";
    public const int RunsShown = 5;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Appends <paramref name="run"/> to the history and writes the scorecard; returns the runs it shows, oldest first.</summary>
    public static async Task<IReadOnlyList<ScorecardRun>> WriteAsync(string directory, ScorecardRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(directory);
        var history = Path.Combine(directory, HistoryFile);
        await File.AppendAllTextAsync(history, JsonSerializer.Serialize(run, JsonOptions) + "\n", cancellationToken);
        var runs = (await File.ReadAllLinesAsync(history, cancellationToken))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<ScorecardRun>(l, JsonOptions)!)
            .TakeLast(RunsShown).ToList();
        await File.WriteAllTextAsync(Path.Combine(directory, "scorecard.json"), Json(runs).ToJsonString(new JsonSerializerOptions(JsonOptions) { WriteIndented = true }), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "scorecard.html"), Html(runs), cancellationToken);
        return runs;
    }

    /// <summary>Per scenario, per criterion, the last runs' measured values: the rows the HTML shows.</summary>
    public static JsonObject Json(IReadOnlyList<ScorecardRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var latest = runs[^1];
        var scenarios = new JsonArray();
        foreach (var name in ScenarioNames(runs))
        {
            var criteria = new JsonArray();
            foreach (var criterion in CriterionNames(runs, name))
            {
                criteria.Add(new JsonObject
                {
                    ["name"] = criterion,
                    ["expected"] = Find(latest, name, criterion)?.Expected,
                    ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)new JsonObject
                    {
                        ["run"] = r.Run,
                        ["measured"] = Find(r, name, criterion)?.Measured,
                        ["passed"] = Find(r, name, criterion)?.Passed,
                    })]),
                });
            }
            var scenario = latest.Scenarios.FirstOrDefault(s => s.Name == name);
            scenarios.Add(new JsonObject
            {
                ["name"] = name,
                ["passed"] = scenario?.Passed,
                ["wallSeconds"] = scenario?.WallSeconds,
                ["error"] = scenario?.Error,
                ["report"] = scenario?.ReportDir,
                ["criteria"] = criteria,
            });
        }
        return new JsonObject
        {
            ["run"] = latest.Run,
            ["at"] = latest.At,
            ["host"] = latest.Host,
            ["wallSeconds"] = latest.WallSeconds,
            ["passed"] = latest.Passed,
            ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)new JsonObject
            {
                ["run"] = r.Run, ["at"] = r.At, ["host"] = r.Host, ["wallSeconds"] = r.WallSeconds, ["passed"] = r.Passed,
            })]),
            ["scenarios"] = scenarios,
        };
    }

    public static string Html(IReadOnlyList<ScorecardRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        static string E(object? v) => WebUtility.HtmlEncode(v?.ToString() ?? "");
        var latest = runs[^1];
        var h = new StringBuilder();
        h.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Drill scorecard</title><style>");
        h.Append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1b1f24}");
        h.Append("table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}");
        h.Append("th{background:#f6f8fa}.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.muted{color:#57606a}td.ok,td.bad{font-weight:normal}td.ok{background:#dafbe1}td.bad{background:#ffebe9}</style></head><body>");
        h.Append(CultureInfo.InvariantCulture, $"<h1>Drill scorecard <span class=\"{(latest.Passed ? "ok" : "bad")}\">{(latest.Passed ? "all passed" : "FAILED")}</span></h1>");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Latest run {E(latest.Run)} on the {E(latest.Host)} host, {latest.WallSeconds:0} s of wall time; columns are the last {runs.Count} run(s), newest on the right. Each cell is the measured value.</p>");
        foreach (var name in ScenarioNames(runs))
        {
            var scenario = latest.Scenarios.FirstOrDefault(s => s.Name == name);
            h.Append(CultureInfo.InvariantCulture, $"<h2>{E(name)} <span class=\"{(scenario?.Passed == true ? "ok" : "bad")}\">{(scenario is null ? "not run" : scenario.Passed ? "passed" : "FAILED")}</span></h2>");
            if (scenario?.Error is { } error) h.Append(CultureInfo.InvariantCulture, $"<p class=\"bad\">{E(error)}</p>");
            if (scenario?.ReportDir is { } report) h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Report: <code>{E(Path.Combine(report, "report.html"))}</code>, {scenario.WallSeconds:0} s</p>");
            h.Append("<table><tr><th>Criterion</th><th>Expected</th>");
            foreach (var r in runs) h.Append(CultureInfo.InvariantCulture, $"<th>{E(r.Run)}</th>");
            h.Append("</tr>");
            foreach (var criterion in CriterionNames(runs, name))
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(criterion)}</code></td><td>{E(Find(latest, name, criterion)?.Expected)}</td>");
                foreach (var r in runs)
                {
                    var c = Find(r, name, criterion);
                    h.Append(c is null ? "<td class=\"muted\">—</td>"
                        : string.Create(CultureInfo.InvariantCulture, $"<td class=\"{(c.Passed ? "ok" : "bad")}\">{(c.Passed ? "pass" : "FAIL")}: {E(c.Measured)}</td>"));
                }
                h.Append("</tr>");
            }
            h.Append("</table>");
        }
        h.Append("</body></html>");
        return h.ToString();
    }

    private static IEnumerable<string> ScenarioNames(IReadOnlyList<ScorecardRun> runs) =>
        runs.SelectMany(r => r.Scenarios).Select(s => s.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static IEnumerable<string> CriterionNames(IReadOnlyList<ScorecardRun> runs, string scenario) =>
        runs.SelectMany(r => r.Scenarios).Where(s => s.Name == scenario).SelectMany(s => s.Criteria).Select(c => c.Name).Distinct(StringComparer.Ordinal);

    private static CriterionResult? Find(ScorecardRun run, string scenario, string criterion) =>
        run.Scenarios.FirstOrDefault(s => s.Name == scenario)?.Criteria.FirstOrDefault(c => c.Name == criterion);
}
