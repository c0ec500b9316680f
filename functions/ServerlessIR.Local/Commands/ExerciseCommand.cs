using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// <c>ir exercise start --scenario NAME|FILE --base-url URL [--key KEY]</c>: starts an exercise against a deployment. Reads
/// the scenario's <c>alerts</c>, rewrites each as an exercise event (its own CloudEvent type, from the trusted exercise
/// source <c>/serverlessir/exercises/{scenario}</c>), posts them to the deployment's Event Grid webhook as a source would,
/// keeping the scenario's spacing, and prints the incidents opened with their console and record URLs.
/// </summary>
/// <remarks>
/// The deployment's playbook must name that source under <c>exercise.trustedSources</c>; otherwise every event is rejected
/// and recorded with the reason, and this command says so and exits 1. Only <c>alerts</c> is read from the scenario file:
/// drills add fields (people, pass criteria) an exercise with real people does not use.
/// </remarks>
internal sealed class ExerciseCommand : Command
{
    public const string SourcePrefix = "/serverlessir/exercises/";

    public ExerciseCommand()
        : base("exercise", "Exercises against a deployment: the real pipeline, people and channels; sandbox containment, everything marked EXERCISE")
    {
        var start = new Command("start", "Posts a scenario's alerts as exercise events to the deployment's webhook; prints the incidents opened");
        start.Options.Add(ScenarioOption);
        start.Options.Add(BaseUrl);
        start.Options.Add(Key);
        start.SetAction((result, cancellationToken) =>
        {
            var key = result.GetValue(Key) ?? Environment.GetEnvironmentVariable("SERVERLESSIR_WEBHOOK_KEY");
            if (string.IsNullOrEmpty(key))
            {
                throw new UsageException("ir exercise start needs the webhook key: --key KEY or SERVERLESSIR_WEBHOOK_KEY (ir serve prints the local one).");
            }
            return StartAsync(result.GetRequiredValue(ScenarioOption), result.GetRequiredValue(BaseUrl), key, result.InvocationConfiguration.Output, cancellationToken);
        });
        Subcommands.Add(start);
    }

    public Option<string> ScenarioOption { get; } = new("--scenario")
    {
        Description = "A scenario in functions/ServerlessIR.Local/Scenarios (its name) or a scenario file",
        HelpName = "NAME|FILE",
        Required = true,
    };

    public Option<Uri> BaseUrl { get; } = CliOptions.BaseUrl("The deployment's base URL (https://<app>.azurewebsites.net, or the URL ./ir serve prints)", required: true);

    public Option<string> Key { get; } = CliOptions.WebhookKey();

    public static async Task<int> StartAsync(string scenario, Uri baseUrl, string key, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(stdout);
        var (name, alerts) = ReadAlerts(scenario);
        var run = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var events = Rewrite(name, alerts, run, DateTimeOffset.UtcNow);
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        await stdout.WriteLineAsync($"EXERCISE '{name}' against {baseUrl}: {events.Count} exercise event(s) from {SourcePrefix}{name}");
        var incidents = new List<string>();
        var rejected = 0;
        var elapsed = 0.0;
        foreach (var (after, cloudEvent) in events)
        {
            if (after > elapsed)
            {
                await Task.Delay(TimeSpan.FromSeconds(after - elapsed), cancellationToken);
                elapsed = after;
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/events")
            {
                Content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
            };
            request.Headers.Add("x-functions-key", key);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await stdout.WriteLineAsync($"  FAIL  {cloudEvent["type"]} {cloudEvent["id"]}: HTTP {(int)response.StatusCode} {text}");
                return 1;
            }
            var summary = JsonNode.Parse(text);
            rejected += summary?["rejected"]?.GetValue<int>() ?? 0;
            foreach (var incident in (summary?["incidents"] as JsonArray ?? []).Select(i => i?.GetValue<string>()).OfType<string>())
            {
                if (!incidents.Contains(incident, StringComparer.Ordinal)) incidents.Add(incident);
            }
            await stdout.WriteLineAsync($"  sent  {cloudEvent["type"]} {cloudEvent["id"]}: opened {summary?["opened"]}, joined {summary?["joined"]}, rejected {summary?["rejected"]}");
        }
        foreach (var incident in incidents)
        {
            await stdout.WriteLineAsync($"  incident {incident}");
            await stdout.WriteLineAsync($"    console: {new Uri(baseUrl, "api/console/incidents/" + Uri.EscapeDataString(incident))}");
            await stdout.WriteLineAsync($"    record:  {new Uri(baseUrl, "api/incidents/" + Uri.EscapeDataString(incident))}");
            await stdout.WriteLineAsync($"    evidence: {new Uri(baseUrl, "api/incidents/" + Uri.EscapeDataString(incident) + "/evidence/verify")}");
        }
        if (rejected > 0)
        {
            await stdout.WriteLineAsync($"{rejected} exercise event(s) rejected: see {new Uri(baseUrl, "api/events/rejected")} (is {SourcePrefix} under the playbook's exercise.trustedSources?)");
            return 1;
        }
        return incidents.Count > 0 ? 0 : 1;
    }

    /// <summary>The scenario's name and <c>alerts</c>, and nothing else of the file.</summary>
    public static (string Name, JsonArray Alerts) ReadAlerts(string nameOrFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrFile);
        var path = File.Exists(nameOrFile) ? nameOrFile : Path.Combine(AppContext.BaseDirectory, "Scenarios", nameOrFile + ".json");
        if (!File.Exists(path))
        {
            throw new UsageException($"No scenario '{nameOrFile}' (not a file, and not in {Path.Combine(AppContext.BaseDirectory, "Scenarios")}).");
        }
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new UsageException($"Scenario {path} is not a JSON object.");
        var alerts = root["alerts"] as JsonArray;
        if (alerts is not { Count: > 0 })
        {
            throw new UsageException($"Scenario {path} has no alerts.");
        }
        return ((string?)root["name"] ?? Path.GetFileNameWithoutExtension(path), alerts);
    }

    /// <summary>
    /// Each alert as a structured CloudEvent of the exercise type for its real type, from the exercise source, with an ID
    /// of this run (a second exercise opens its own incidents; a redelivery within one run is still one event). A
    /// Salesforce event-store record becomes the event the relay would publish for it.
    /// </summary>
    public static IReadOnlyList<(double AfterSeconds, JsonObject Event)> Rewrite(string scenario, JsonArray alerts, string run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var stamp = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var source = SourcePrefix + scenario;
        var events = new List<(double, JsonObject)>();
        for (var i = 0; i < alerts.Count; i++)
        {
            var alert = JsonNode.Parse(alerts[i]!.ToJsonString().Replace("{run}", run, StringComparison.Ordinal).Replace("{now}", stamp, StringComparison.Ordinal))!.AsObject();
            var after = alert["afterSeconds"]?.GetValue<double>() ?? 0;
            string realType, id;
            JsonNode? data;
            if ((string?)alert["kind"] == "salesforce-event-store")
            {
                var store = (string?)alert["store"] ?? throw new UsageException($"Alert {i + 1}: 'store' is required.");
                var record = alert["record"]?.AsObject() ?? throw new UsageException($"Alert {i + 1}: 'record' is required.");
                record["EventIdentifier"] ??= $"exercise-{run}-{i + 1}";
                record["EventDate"] ??= stamp;
                realType = "Salesforce.EventMonitoring." + (store.EndsWith("Store", StringComparison.Ordinal) ? store[..^"Store".Length] : store);
                id = (string)record["EventIdentifier"]!;
                data = record.DeepClone();
            }
            else
            {
                var original = alert["event"]?.AsObject() ?? throw new UsageException($"Alert {i + 1}: 'event' is required.");
                realType = (string?)original["type"] ?? (string?)original["eventType"] ?? throw new UsageException($"Alert {i + 1}: the event has no type.");
                id = (string?)original["id"] ?? $"{i + 1}";
                data = original["data"]?.DeepClone();
            }
            events.Add((after, new JsonObject
            {
                ["specversion"] = "1.0",
                ["type"] = ExerciseEvents.TypeFor(realType),
                ["source"] = source,
                ["id"] = id.StartsWith("exercise-", StringComparison.Ordinal) ? id : $"exercise-{run}-{id}",
                ["time"] = stamp,
                ["datacontenttype"] = "application/json",
                ["data"] = data,
            }));
        }
        return events;
    }
}
