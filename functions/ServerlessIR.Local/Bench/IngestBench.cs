using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Sources;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// <c>ir bench ingest</c>: parse + normalize + dedupe in process against plain System.Text.Json parsing of the same payloads,
/// then an alert storm over loopback HTTP against a local host: 10,000 alerts over 50 correlation keys in Event Grid-sized
/// batches, some batches delivered twice as Event Grid's at-least-once delivery does. Prints figures; asserts nothing about
/// speed, only that the storm ends with exactly 50 incidents and every alert accounted for.
/// </summary>
public static class IngestBench
{
    private const int Keys = 50;
    private const int BatchSize = 200;

    public static async Task<int> RunAsync(TextWriter stdout, int alerts = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var c = CultureInfo.InvariantCulture;
        var run = DateTime.UtcNow.ToString("MMddHHmmss", c);
        var playbookPath = WriteBenchPlaybook(run);

        // Event Grid redelivers at least once: two whole batches arrive a second time, later in the stream.
        var unique = alerts - 2 * BatchSize;
        var bodies = Batches(run, unique).ToList();
        var deliveries = new List<string>(bodies);
        deliveries.Insert(deliveries.Count / 2, bodies[1]);
        deliveries.Add(bodies[bodies.Count / 3]);
        var sent = deliveries.Sum(CountEvents);

        await InProcessAsync(stdout, bodies, unique, playbookPath, c);

        await stdout.WriteLineAsync(string.Create(c, $"storm: {sent} alerts ({unique} unique + {sent - unique} redelivered) over {Keys} keys in {deliveries.Count} batches of up to {BatchSize}; starting a local host..."));
        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            TaskHub = "bench" + run,
            PlaybookPath = playbookPath,
        }, cancellationToken: cancellationToken);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var totals = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var incidents = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (body, ct) =>
        {
            while (true)
            {
                using var response = await http.PostAsync(pipeline.EventsUrl, new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json"), ct);
                var summary = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
                if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
                {
                    // As Event Grid would: the whole batch again; its finished events now count as duplicates.
                    await Task.Delay(200, ct);
                    continue;
                }
                foreach (var field in new[] { "opened", "joined", "duplicates", "rejected" })
                {
                    totals.AddOrUpdate(field, (int?)summary?[field] ?? 0, (_, v) => v + ((int?)summary?[field] ?? 0));
                }
                foreach (var id in summary?["incidents"]?.AsArray() ?? [])
                {
                    incidents[(string)id!] = true;
                }
                return;
            }
        });
        watch.Stop();
        int Total(string f) => totals.GetValueOrDefault(f);
        var accounted = Total("opened") + Total("joined") + Total("duplicates");
        await stdout.WriteLineAsync(string.Create(c, $"loopback HTTP storm: {sent} alerts in {watch.Elapsed.TotalSeconds:F1} s = {sent / watch.Elapsed.TotalSeconds:F0} alerts/s"));
        await stdout.WriteLineAsync(string.Create(c, $"  opened {Total("opened")}, joined {Total("joined")}, duplicates {Total("duplicates")}, rejected {Total("rejected")}; accounted {accounted}/{sent}; distinct incidents {incidents.Count}"));

        var ok = incidents.Count == Keys && Total("opened") == Keys && accounted == sent && Total("rejected") == 0;
        await stdout.WriteLineAsync(ok
            ? $"storm OK: exactly {Keys} incidents, all {sent} alerts accounted for (opened + joined + deduplicated), none lost"
            : $"storm NOT OK: expected {Keys} incidents and {sent} alerts accounted for");
        return ok ? 0 : 1;
    }

    private static async Task InProcessAsync(TextWriter stdout, IReadOnlyList<string> bodies, int events, string playbookPath, CultureInfo c)
    {
        var bytes = bodies.Select(b => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(b)).ToList();
        var playbooks = new StaticPlaybookProvider(PlaybookLoader.LoadFile(playbookPath));
        ISignalSource[] sources = [new AiDataLeakSource(), new SalesforceEventMonitoringSource(playbooks), new AzureMonitorAlertSource(playbooks)];
        var pseudonymizer = new Pseudonymizer(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

        // Warm both paths once so the JIT is not measured.
        RawParse(bytes);
        Pipeline(bytes, sources, pseudonymizer);

        var raw = Best(() => RawParse(bytes));
        var ours = Best(() => Pipeline(bytes, sources, pseudonymizer));
        var rawRate = events / raw.TotalSeconds;
        var ourRate = events / ours.TotalSeconds;
        await stdout.WriteLineAsync(string.Create(c, $"raw System.Text.Json parse: {events} events in {raw.TotalMilliseconds:F0} ms = {rawRate:F0} events/s"));
        await stdout.WriteLineAsync(string.Create(c, $"in-process parse + normalize + dedupe: {events} events in {ours.TotalMilliseconds:F0} ms = {ourRate:F0} events/s"));
        await stdout.WriteLineAsync(string.Create(c, $"ratio in-process / raw parse: {ourRate / rawRate:F3} (raw parse is {rawRate / ourRate:F1}x faster)"));
    }

    private static TimeSpan Best(Func<int> action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            if (watch.Elapsed < best) best = watch.Elapsed;
        }
        return best;
    }

    /// <summary>The baseline: parse each body with System.Text.Json and touch every event's data.</summary>
    private static int RawParse(IReadOnlyList<ReadOnlyMemory<byte>> bodies)
    {
        var n = 0;
        foreach (var body in bodies)
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object) n++;
            }
        }
        return n;
    }

    /// <summary>What the webhook does before storage: parse each event with the Azure SDK, dedupe by key, normalize and pseudonymize.</summary>
    private static int Pipeline(IReadOnlyList<ReadOnlyMemory<byte>> bodies, ISignalSource[] sources, Pseudonymizer pseudonymizer)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var body in bodies)
        {
            var parsed = EventGridDeliveryParser.Parse(body, DateTimeOffset.UtcNow);
            foreach (var incoming in parsed.Events)
            {
                if (!seen.Add(incoming.DedupeKey)) continue;
                var source = sources.First(s => s.CanNormalize(incoming));
                source.Normalize(incoming, pseudonymizer, "blob:bench/" + incoming.DedupeKey);
                n++;
            }
        }
        return n;
    }

    private static int CountEvents(string body) => JsonNode.Parse(body)!.AsArray().Count;

    private static IEnumerable<string> Batches(string run, int count)
    {
        var batch = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var key = i % Keys;
            batch.Add(new JsonObject
            {
                ["specversion"] = "1.0",
                // Session hijacking is an attack by nature: every incident carries obligations, so it stays open through the storm.
                ["type"] = "Salesforce.EventMonitoring.SessionHijackingEvent",
                ["source"] = "/salesforce/orgs/northwind-prod/SessionHijackingEventStore",
                ["id"] = $"bench-{run}-{i:D6}",
                ["time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
                ["datacontenttype"] = "application/json",
                ["data"] = new JsonObject
                {
                    ["EventDate"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
                    ["EventIdentifier"] = $"bench-{run}-{i:D6}",
                    ["UserId"] = $"005BENCH{key:D3}{run}",
                    ["Username"] = $"bench{run}-{key:D2}@northwind.example",
                    ["SourceIp"] = $"198.51.100.{key}",
                    ["Operation"] = "Query",
                    ["QueriedEntities"] = "Account, Contact, Lead",
                    ["RowsProcessed"] = 10_000 + i,
                    ["Score"] = 0.87,
                    ["SecurityEventData"] = "[{\"featureName\":\"rowCount\",\"featureValue\":\"10000\",\"featureContribution\":\"95.0 %\"}]",
                    ["Summary"] = "Unusually high API usage",
                },
            });
            if (batch.Count == BatchSize || i == count - 1)
            {
                yield return batch.ToJsonString();
                batch = [];
            }
        }
    }

    /// <summary>The default playbook plus 50 AI systems, one per storm key, each found by its integration user.</summary>
    private static string WriteBenchPlaybook(string run)
    {
        var assembly = typeof(PlaybookLoader).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("default.playbook.yaml", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var yaml = reader.ReadToEnd();
        var systems = new StringBuilder("aiSystems:\n");
        for (var k = 0; k < Keys; k++)
        {
            systems.Append(CultureInfo.InvariantCulture, $"""
                  - id: bench{run}-{k:D2}
                    name: Bench model {k:D2}
                    salesforceFeature: Einstein Prediction Builder
                    org: northwind-prod
                    modelVersion: bench-1
                    criticality: checkout-critical
                    euAiAct: {"{"} classification: not-high-risk, reason: a benchmark model with no high-risk use {"}"}
                    dataCategories: [contact, financial, behavioural]
                    subjectsIn: [DE, FR]
                    owners: [{"{"} name: Bench owner, email: bench-owner@northwind.example {"}"}]
                    integration: {"{"} integrationUser: bench{run}-{k:D2}@northwind.example {"}"}

                """);
        }
        yaml = yaml.Replace("aiSystems:\n", systems.ToString(), StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"ir-bench-{run}.playbook.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
