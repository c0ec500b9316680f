using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Local.Commands;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// <c>ir bench latency</c>: how long after the webhook answers an alert the Salesforce stand-in sees the incident's first
/// containment call, for N incidents one after another and then N more with C in flight at once, on one local host. Prints
/// p50/p95/p99; asserts nothing about speed, only that every incident made its first call. Before it stops the host it
/// waits for the incidents still running to end (their clocks run an incident hour past containment), so no activity is
/// cut off by the shutdown.
/// </summary>
public static class LatencyBench
{
    // Far beyond any figure seen: a first call this late means the incident is stuck, not slow.
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(TextWriter stdout, int incidents = 100, int concurrency = 10,
        LocalPipelineOptions? pipelineOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        if (incidents < 1 || concurrency < 1)
        {
            throw new UsageException($"--incidents and --concurrency must be at least 1 (got {incidents} and {concurrency}).");
        }
        var c = CultureInfo.InvariantCulture;
        var estate = BenchEstate.Write("lat", 2 * incidents);
        await stdout.WriteLineAsync(string.Create(c, $"latency: alert answered -> first containment call at the Salesforce stand-in; {incidents} incidents sequential, then {incidents} with {concurrency} at once; starting a local host..."));
        await using var pipeline = await LocalPipeline.StartAsync((pipelineOptions ?? new LocalPipelineOptions()) with
        {
            ApiPort = 0,
            TaskHub = "bench" + estate.Run,
            PlaybookPath = estate.PlaybookPath,
            // Incidents end an incident hour after containment, so those measured later do not share the engine with
            // hundreds of clocks still running.
            TimeScale = 3600,
            HorizonHours = 1,
        }, cancellationToken: cancellationToken);
        var salesforce = pipeline.Salesforce ?? throw new InvalidOperationException("The latency bench needs the Salesforce stand-in.");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };

        var cpu = CpuMeter.Start(pipeline.Azurite.FindProcessId());
        var sequential = await MeasureAsync(http, pipeline, salesforce, estate, Enumerable.Range(0, incidents), 1, cancellationToken);
        await Print(stdout, "sequential", sequential, c);
        await stdout.WriteLineAsync($"    cpu: {cpu.Read()}");
        cpu = CpuMeter.Start(pipeline.Azurite.FindProcessId());
        var concurrent = await MeasureAsync(http, pipeline, salesforce, estate, Enumerable.Range(incidents, incidents), concurrency, cancellationToken);
        await Print(stdout, string.Create(c, $"{concurrency} at once"), concurrent, c);
        await stdout.WriteLineAsync($"    cpu: {cpu.Read()}");
        await EndAsync(stdout, pipeline, [.. sequential.Incidents, .. concurrent.Incidents], c, cancellationToken);
        var ok = sequential.Failures.Count == 0 && concurrent.Failures.Count == 0;
        await stdout.WriteLineAsync(ok ? "latency OK: every incident made its first containment call" : "latency NOT OK: some incidents made no containment call (see above)");
        return ok ? 0 : 1;
    }

    private static async Task<Measured> MeasureAsync(HttpClient http, LocalPipeline pipeline, SalesforceStandInState salesforce, BenchEstate estate,
        IEnumerable<int> incidents, int concurrency, CancellationToken cancellationToken)
    {
        var seconds = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var opened = new ConcurrentBag<string>();
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(incidents, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var response = await http.PostAsync(pipeline.EventsUrl, new StringContent(estate.Alert(i), Encoding.UTF8, "application/cloudevents+json"), ct);
            var answered = DateTimeOffset.UtcNow;
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"alert {i}: HTTP {(int)response.StatusCode}");
                return;
            }
            var delivery = await response.Content.ReadFromJsonAsync<DeliverySummary>(JsonSerializerOptions.Web, ct);
            foreach (var id in delivery?.Incidents ?? [])
            {
                opened.Add(id);
            }
            var user = estate.IntegrationUser(i);
            RecordedCall? first;
            while ((first = FirstContainmentCall.After(salesforce.Calls, answered, user)) is null)
            {
                if (DateTimeOffset.UtcNow - answered > GiveUp)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"alert {i}: no containment call within {GiveUp.TotalSeconds:F0} s"));
                    return;
                }
                // Each look copies the stand-in's call list; looking more often would take the CPU the incidents need.
                await Task.Delay(25, ct);
            }
            seconds.Add((first.At - answered).TotalSeconds);
        });
        return new Measured([.. seconds.Order()], [.. failures], wall.Elapsed) { Incidents = [.. opened] };
    }

    /// <summary>Waits (a while at most) for the bench's incidents to end, saying how many and how long.</summary>
    private static async Task EndAsync(TextWriter stdout, LocalPipeline pipeline, IReadOnlyList<string> incidents, CultureInfo c,
        CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(EndWait);
        var ended = 0;
        try
        {
            foreach (var id in incidents)
            {
                await pipeline.Client.WaitForInstanceCompletionAsync(id, wait.Token);
                ended++;
            }
            await stdout.WriteLineAsync(string.Create(c, $"  all {incidents.Count} incidents ended {wall.Elapsed.TotalSeconds:F1} s after the last measurement; stopping the host"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await stdout.WriteLineAsync(string.Create(c, $"  {incidents.Count - ended} of {incidents.Count} incidents still running after {EndWait.TotalSeconds:F0} s; stopping the host (what they had not done stays in this run's task hub)"));
        }
    }

    // The last incidents end about a second after their first call; this is for a machine far slower than that.
    private static readonly TimeSpan EndWait = TimeSpan.FromMinutes(2);

    private static async Task Print(TextWriter stdout, string label, Measured m, CultureInfo c)
    {
        foreach (var failure in m.Failures)
        {
            await stdout.WriteLineAsync("  " + failure);
        }
        await stdout.WriteLineAsync(m.Seconds.Count == 0
            ? $"  {label,-12} no incident made a containment call"
            : string.Create(c, $"  {label,-12} n={m.Seconds.Count,4}  p50 {Percentile(m.Seconds, 50),6:F2} s  p95 {Percentile(m.Seconds, 95),6:F2} s  p99 {Percentile(m.Seconds, 99),6:F2} s  max {m.Seconds[^1],6:F2} s  ({m.Elapsed.TotalSeconds:F1} s in all)"));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private sealed record Measured(IReadOnlyList<double> Seconds, IReadOnlyList<string> Failures, TimeSpan Elapsed)
    {
        /// <summary>The incidents the alerts opened.</summary>
        public IReadOnlyList<string> Incidents { get; init; } = [];
    }
}
