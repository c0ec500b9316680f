using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Bench;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// <c>./ir drill</c>: starts the local pipeline, posts a scenario's alerts through the real webhook, prints the incident's
/// timeline as it happens, waits for the horizon, verifies the evidence and writes report.json, report.md and report.html.
/// </summary>
public sealed class DrillRunner(TextWriter output)
{
    // The relay polls every 2 s; a minute covers a slow first poll (tables created, first SOQL page) on a loaded machine.
    private static readonly TimeSpan RelayPatience = TimeSpan.FromSeconds(60);

    // Event Grid retries a failed delivery for up to a day; a drill on a loaded machine needs a few tries, not a day.
    private const int DeliveryAttempts = 5;

    /// <summary>Alerts whose source starts with this are the drill's own sensors, trusted as the relay would be.</summary>
    public const string DrillSourcePrefix = "/drills/";

    /// <param name="StormAlerts">How many alerts each repeated alert of the scenario sends (its storm's size); null: as the file says.</param>
    public sealed record Options(string Scenario = "default", double TimeScale = 3600, string? ReportDir = null, double HorizonHours = 96, string? PlaybookPath = null,
        PipelineHost Host = PipelineHost.Local, string? StateFolder = null, int? AzuriteBlobPort = null, string StoragePrefix = "", string? TaskHub = null,
        int? StormAlerts = null);

    /// <summary>How a drill ended: its exit code (0 when every pass criterion held), its report and where it was written.</summary>
    public sealed record Result(int ExitCode, DrillReport? Report, string? ReportDir);

    public async Task<int> RunAsync(Options options, CancellationToken cancellationToken = default) =>
        (await RunDrillAsync(options, cancellationToken)).ExitCode;

    public async Task<Result> RunDrillAsync(Options options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TimeScale is <= 0 or > 1_000_000)
        {
            await output.WriteLineAsync($"--time-scale must be between 0 and 1000000 (got {options.TimeScale}).");
            return new Result(2, null, null);
        }
        var scenario = Scenario.Load(options.Scenario);
        if (options.StormAlerts is { } stormAlerts)
        {
            scenario = scenario.WithRepeatCount(stormAlerts);
        }
        var wall = Stopwatch.StartNew();
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"ServerlessIR drill '{scenario.Name}' at {options.TimeScale:0.##}x (a waiting second = {options.TimeScale / 3600:0.##} incident hour; work runs at real speed), horizon {options.HorizonHours:0.##} h");
        if (scenario.Description is not null) await output.WriteLineAsync("  " + scenario.Description);
        if (scenario.HumanWaitFloorSeconds is { } floor) await output.WriteLineAsync($"  a person's wait lasts at least {floor:0.##} real s in this scenario (humanWaitFloorSeconds)");

        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            TaskHub = options.TaskHub ?? "drill" + run,
            StoragePrefix = options.StoragePrefix,
            TimeScale = options.TimeScale,
            HorizonHours = options.HorizonHours,
            PlaybookPath = ScenarioPlaybook.Write(scenario, options.PlaybookPath, run),
            Host = options.Host,
            StateFolder = options.StateFolder,
            AzuriteBlobPort = options.AzuriteBlobPort ?? new LocalPipelineOptions().AzuriteBlobPort,
            // The drill's people (DrillPeople) name who they act as in the local identity header.
            SimulatedPeople = true,
            // The scenario's own sensors stand in for the trusted relay; any other source is rated by the playbook.
            DrillTrustedSources = [DrillSourcePrefix],
            // The drill's people close each incident with its review once its clocks are done (docs/lifecycle.md).
            AwaitClosure = scenario.CloseWithReview,
            HumanWaitFloorSeconds = scenario.HumanWaitFloorSeconds ?? new LocalPipelineOptions().HumanWaitFloorSeconds,
        }, msg => output.WriteLine("  " + msg), cancellationToken);
        await output.WriteLineAsync($"  pipeline up in {wall.Elapsed.TotalSeconds:0.0}s ({DrillReport.HostName(pipeline.Host)} host): API {pipeline.ApiUrl}, stand-ins {pipeline.StandInsUrl}");
        await output.WriteLineAsync($"  console {pipeline.ApiUrl} (open it while the drill runs)");

        // The drill's approvers and DPO answer through the real pages while the incident runs; checkout keeps buying.
        var people = new DrillPeople(pipeline, scenario, wall, text => Line(wall, text));
        using var stopPeople = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var peopleTask = people.RunAsync(stopPeople.Token);
        var traffic = scenario.CheckoutTraffic is { } plan && pipeline.StandInsUrl is { } standIns ? new CheckoutTraffic(standIns, pipeline.Playbook, plan) : null;
        var trafficTask = traffic?.RunAsync(stopPeople.Token) ?? Task.CompletedTask;

        using var http = new HttpClient();
        var incidents = new List<string>();
        var tally = DrillAlertTally.None;
        var started = wall.Elapsed;
        var relayed = new List<(string Id, string Source)>();
        DateTimeOffset? firstOpened = null;
        foreach (var alert in scenario.Alerts.OrderBy(a => a.AfterSeconds))
        {
            var due = started + TimeSpan.FromSeconds(alert.AfterSeconds);
            if (wall.Elapsed < due) await Task.Delay(due - wall.Elapsed, cancellationToken);
            if (alert.IsSalesforceEventStore)
            {
                relayed.AddRange(await AddToSalesforceStoreAsync(http, pipeline, alert.Store!, Expand(alert.Record!, run), wall, cancellationToken));
                continue;
            }
            foreach (var (body, before) in Deliveries(alert, run))
            {
                if (alert.Repeat is { } repeat)
                {
                    var batchDue = due + TimeSpan.FromSeconds(repeat.OverSeconds * before / repeat.Count);
                    if (wall.Elapsed < batchDue) await Task.Delay(batchDue - wall.Elapsed, cancellationToken);
                }
                var batch = body is JsonArray;
                var contentType = batch ? "application/cloudevents-batch+json" : body.AsObject().ContainsKey("specversion") ? "application/cloudevents+json" : "application/json";
                using var response = await DeliverAsync(http, pipeline.EventsUrl, body.ToJsonString(), contentType, wall, cancellationToken);
                var answered = DateTimeOffset.UtcNow;
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var summary = response.IsSuccessStatusCode ? JsonSerializer.Deserialize<DeliverySummary>(text, JsonSerializerOptions.Web) : null;
                var events = batch ? body.AsArray().Count : 1;
                tally = tally.Add(summary is null
                    ? new DrillAlertTally(events, 0, 0, 0, events)
                    : new DrillAlertTally(events, summary.Opened, summary.Joined, summary.Duplicates, summary.Rejected));
                if (summary?.Opened > 0) firstOpened ??= answered;
                var outcome = summary is null ? $"HTTP {(int)response.StatusCode}: {text}"
                    : batch ? $"{events} alerts: opened {summary.Opened}, joined {summary.Joined}, duplicates {summary.Duplicates}, rejected {summary.Rejected}"
                    : summary.Opened > 0 ? "opened " + string.Join(", ", summary.Incidents)
                    : summary.Joined > 0 ? "joined " + string.Join(", ", summary.Incidents)
                    : summary.Duplicates > 0 ? "duplicate, ignored"
                    : summary.Rejected > 0 ? "rejected (see /api/events/rejected)" : "accepted";
                await Line(wall, batch ? $"storm batch -> {outcome}" : $"alert {body["id"]} -> {outcome}");
                foreach (var id in summary?.Incidents ?? [])
                {
                    if (!incidents.Contains(id)) incidents.Add(id);
                }
            }
        }
        foreach (var (id, outcome) in await AwaitRelayedAsync(pipeline, relayed, wall, cancellationToken))
        {
            tally = tally.Add(new DrillAlertTally(1, outcome == IngestOutcome.Opened ? 1 : 0, outcome == IngestOutcome.Joined ? 1 : 0,
                outcome == IngestOutcome.Duplicate ? 1 : 0, outcome == IngestOutcome.Rejected ? 1 : 0));
            if (id is not null && !incidents.Contains(id)) incidents.Add(id);
        }
        if (incidents.Count == 0)
        {
            await output.WriteLineAsync("No incident was opened; nothing to watch.");
            return new Result(1, null, null);
        }

        var actions = people.ActAsync(incidents, stopPeople.Token);
        var summaries = await WatchAsync(pipeline, incidents, wall, options, people, cancellationToken);
        await stopPeople.CancelAsync();
        await Task.WhenAll(peopleTask, trafficTask, actions);
        var report = await DrillReport.BuildAsync(scenario.Name, options.TimeScale, wall.Elapsed.TotalSeconds, summaries, pipeline, people.Actions, cancellationToken);
        report = report with { Alerts = tally, CheckoutTraffic = traffic?.Result };
        report = report with { Criteria = CriteriaEvaluator.Evaluate(scenario.PassCriteria, report) };
        var dir = options.ReportDir ?? Path.Combine(pipeline.Paths.State, "drills", $"{run}-{scenario.Name}");
        await report.WriteAsync(dir, cancellationToken);

        await output.WriteLineAsync();
        foreach (var line in report.ScorecardLines()) await output.WriteLineAsync("  " + line);
        if (firstOpened is { } opened && pipeline.Salesforce is { } salesforce && FirstContainmentCall.After(salesforce.Calls, opened) is { } first)
        {
            // What `ir bench latency` measures, for this drill's first incident (docs/performance.md).
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  first containment call: {(first.At - opened).TotalSeconds:0.00} s after the alert was answered ({first.Method} {first.Path.Split('?')[0]})"));
        }
        foreach (var c in report.Criteria)
        {
            await output.WriteLineAsync($"  {(c.Passed ? "pass" : "FAIL")}  {c.Name}: expected {c.Expected}; measured {c.Measured}");
        }
        await output.WriteLineAsync($"Report: {Path.Combine(dir, "report.html")} (also report.json, report.md) in {wall.Elapsed.TotalSeconds:0.0}s");
        await output.WriteLineAsync(report.Passed ? $"Scenario '{scenario.Name}' passed its {report.Criteria.Count} criteria."
            : $"Scenario '{scenario.Name}' FAILED {report.Criteria.Count(c => !c.Passed)} of its {report.Criteria.Count} criteria.");
        return new Result(report.Passed ? 0 : 1, report, dir);
    }

    /// <summary>Posts one delivery as Event Grid does: a 5xx or 429 answer (the webhook asks to be called again) is retried
    /// with back-off, a few times.</summary>
    private async Task<HttpResponseMessage> DeliverAsync(HttpClient http, Uri url, string body, string contentType, Stopwatch wall, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(body, Encoding.UTF8, contentType);
            var response = await http.PostAsync(url, content, cancellationToken);
            var retry = (int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.TooManyRequests;
            if (!retry || attempt == DeliveryAttempts)
            {
                return response;
            }
            await Line(wall, $"webhook answered HTTP {(int)response.StatusCode}; delivering again (attempt {attempt + 1} of {DeliveryAttempts}), as Event Grid would");
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(2 * attempt), cancellationToken);
        }
    }

    /// <summary>What one scenario alert sends: the event itself, or a repeated alert's batches, each with the number of alerts
    /// sent before it (which places the batch in the storm's spread).</summary>
    private static IEnumerable<(JsonNode Body, int Before)> Deliveries(ScenarioAlert alert, string run)
    {
        if (alert.Repeat is not { } repeat)
        {
            yield return (Expand(alert.Event!, run), 0);
            yield break;
        }
        var template = alert.Event!.ToJsonString();
        for (var start = 0; start < repeat.Count; start += repeat.BatchSize)
        {
            var batch = new JsonArray();
            for (var n = start + 1; n <= Math.Min(repeat.Count, start + repeat.BatchSize); n++)
            {
                var text = template.Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{key}", repeat.Keys[(n - 1) % repeat.Keys.Count], StringComparison.Ordinal);
                batch.Add(Expand(JsonNode.Parse(text)!.AsObject(), run));
            }
            yield return (batch, start);
        }
    }

    private async Task<List<IncidentSummary>> WatchAsync(LocalPipeline pipeline, List<string> incidents, Stopwatch wall, Options options, DrillPeople people,
        CancellationToken cancellationToken)
    {
        var closing = new Dictionary<string, Task>();
        var store = pipeline.Services.GetRequiredService<IIncidentStore>();
        var printed = incidents.ToDictionary(i => i, _ => 0);
        var done = new Dictionary<string, IncidentSummary>();
        // The waits take horizon / scale; the work keeps its real seconds (incident time does not compress it), so the margin
        // is for the work on a loaded machine, more with each incident: a storm's incidents contain at once on the same cores.
        var limit = TimeSpan.FromSeconds(options.HorizonHours * 3600 / options.TimeScale + 600 + 60 * (incidents.Count - 1));
        var until = wall.Elapsed + limit;
        while (done.Count < incidents.Count)
        {
            if (wall.Elapsed > until)
            {
                throw new TimeoutException($"The drill did not finish within {limit.TotalSeconds:0} s.");
            }
            foreach (var id in incidents.Where(i => !done.ContainsKey(i)))
            {
                var instance = await pipeline.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
                var summary = instance?.IsCompleted == true && instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                    ? instance.ReadOutputAs<IncidentSummary>()
                    : await store.GetAsync(id, cancellationToken);
                if (summary is not null)
                {
                    // The stored record carries only the latest timeline entries: place them by the whole timeline's count.
                    var total = Math.Max(summary.TimelineCount, summary.Timeline.Count);
                    var first = total - summary.Timeline.Count;
                    if (printed[id] < first)
                    {
                        await Line(wall, $"          {id}  ({first - printed[id]} more entries; all are in the evidence)");
                    }
                    foreach (var entry in summary.Timeline.Skip(Math.Max(0, printed[id] - first)))
                    {
                        await Line(wall, $"{DrillReport.Offset(summary, entry.At),10}  {id}  {entry.Kind,-28} {entry.Summary}");
                    }
                    printed[id] = Math.Max(printed[id], total);
                    if (summary.Timeline.Any(t => t.Kind == EvidenceKinds.IncidentReviewDue) && !closing.ContainsKey(id))
                    {
                        closing[id] = people.CloseAsync(id, cancellationToken);
                    }
                }
                if (instance?.IsCompleted == true)
                {
                    if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                    {
                        await Line(wall, $"{id} ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
                        summary = (summary ?? new IncidentSummary { Id = id }) with { Status = IncidentStatus.Failed };
                    }
                    done[id] = summary!;
                }
            }
            await Task.Delay(250, cancellationToken);
        }
        return [.. incidents.Select(i => done[i])];
    }

    /// <summary>Adds an anomaly to the Salesforce stand-in's event store through its HTTP knob; returns the CloudEvent ID and
    /// source the relay will publish it under (one per playbook org, since the relay polls every org).</summary>
    private async Task<List<(string Id, string Source)>> AddToSalesforceStoreAsync(HttpClient http, LocalPipeline pipeline, string store, JsonObject record,
        Stopwatch wall, CancellationToken cancellationToken)
    {
        var standIns = pipeline.StandInsUrl ?? throw new InvalidOperationException("A Salesforce event-store alert needs the stand-ins, and this pipeline has none.");
        using var added = await http.PostAsJsonAsync(new Uri(standIns, "/_standin/salesforce/events"),
            new JsonObject { ["store"] = store, ["records"] = new JsonArray(record) }, cancellationToken);
        var body = await added.Content.ReadAsStringAsync(cancellationToken);
        if (!added.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The Salesforce stand-in refused the anomaly: HTTP {(int)added.StatusCode} {body}");
        }
        var eventId = JsonNode.Parse(body)!["records"]![0]!["EventIdentifier"]!.GetValue<string>();
        await Line(wall, $"anomaly {eventId} stored in Salesforce {store}; the relay will publish it");
        return [.. pipeline.Playbook.Salesforce.Orgs.Select(o => (eventId, $"/salesforce/orgs/{o.Id}/{store}"))];
    }

    /// <summary>Waits until the webhook has processed every relayed anomaly (the relay polls every 2 s) and returns the
    /// incidents they opened or joined.</summary>
    private async Task<List<(string? Incident, string Outcome)>> AwaitRelayedAsync(LocalPipeline pipeline, List<(string Id, string Source)> relayed, Stopwatch wall, CancellationToken cancellationToken)
    {
        var ingestion = pipeline.Services.GetRequiredService<IngestionService>();
        var incidents = new List<(string?, string)>();
        var until = wall.Elapsed + RelayPatience;
        foreach (var (id, source) in relayed)
        {
            var key = new IncomingEvent(id, source, "", null, default, "").DedupeKey;
            IngestOutcome? outcome;
            while ((outcome = await ingestion.FindOutcomeAsync(key, cancellationToken)) is null)
            {
                if (wall.Elapsed > until)
                {
                    throw new TimeoutException($"The relay did not deliver {source} {id} within {RelayPatience.TotalSeconds:0} s.");
                }
                await Task.Delay(250, cancellationToken);
            }
            await Line(wall, $"relayed {id} from {source} -> {outcome.Outcome} {outcome.IncidentId ?? outcome.Reason}");
            incidents.Add((outcome.Outcome is IngestOutcome.Opened or IngestOutcome.Joined ? outcome.IncidentId : null, outcome.Outcome));
        }
        return incidents;
    }

    private async Task Line(Stopwatch wall, string text) =>
        await output.WriteLineAsync($"  [{wall.Elapsed.TotalSeconds,6:0.0}s] {text}");

    private static JsonObject Expand(JsonObject template, string run)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var text = template.ToJsonString().Replace("{run}", run, StringComparison.Ordinal).Replace("{now}", now, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }
}
