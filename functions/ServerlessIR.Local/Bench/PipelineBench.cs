using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Local.Commands;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// <c>ir bench pipeline</c>: N incidents through the whole local pipeline (webhook, assessment, containment against the
/// stand-ins, notices, the clock watch to a horizon; no step waits for a person), then the bare engine on the same Azurite
/// running N orchestrations with the same number of no-op activities and timers. Prints both throughputs, their ratio and
/// the durable history events per incident; asserts nothing about speed, only that every orchestration completed.
/// </summary>
/// <remarks>
/// Each side is warmed before it is timed (<c>--warmup</c> incidents through the pipeline, as many orchestrations through
/// the bare engine, neither counted), as a host that has been up a while is: a fresh process spends a third or more of its CPU
/// in the JIT compiler during its first incidents, and the bare engine, timed after the pipeline, would find the engine's and
/// the storage clients' code compiled by the pipeline's run while the pipeline paid for it. The warm-up's histories are
/// purged before the timed run (see <see cref="PurgeAsync"/>).
/// </remarks>
public static class PipelineBench
{
    /// <summary>Incident hours per real second: a 30-day clock plays out in 7.2 s.</summary>
    public const double TimeScale = 360_000;

    private const string NoOpOrchestrator = "BenchNoOpOrchestrator";
    private const string NoOpActivity = "BenchNoOpActivity";
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(20);

    public static async Task<int> RunAsync(TextWriter stdout, int incidents = 20, double horizonHours = 720,
        LocalPipelineOptions? pipelineOptions = null, int warmup = 2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        if (incidents < 1 || horizonHours <= 0 || warmup < 0)
        {
            throw new UsageException($"--incidents must be at least 1, --horizon-hours above 0 and --warmup at least 0 (got {incidents}, {horizonHours} and {warmup}).");
        }
        var c = CultureInfo.InvariantCulture;
        // The warm-up incidents are the estate's last AI systems, so none of them joins a timed incident.
        var estate = BenchEstate.Write("pipe", incidents + warmup);
        await stdout.WriteLineAsync(string.Create(c, $"pipeline: {incidents} incidents to a {horizonHours:0.#}-hour horizon at {TimeScale:0}x, no approvals, no continue-as-new (whole histories in one generation); then the bare engine with the same activities and timers; each side timed after {warmup} untimed (warm-up); starting a local host..."));
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        giveUp.CancelAfter(GiveUp);
        await using var pipeline = await LocalPipeline.StartAsync((pipelineOptions ?? new LocalPipelineOptions()) with
        {
            ApiPort = 0,
            TaskHub = "bench" + estate.Run,
            PlaybookPath = estate.PlaybookPath,
            TimeScale = TimeScale,
            HorizonHours = horizonHours,
            // Never continue as new here: Azure Storage deletes an ended generation's rows a while after the switch, so
            // the History table would hold part of an incident's history. A calm incident switches once near its end
            // (the bounded histories section of docs/performance.md), which costs little either way.
            HistoryEventsPerGeneration = 0,
        }, cancellationToken: cancellationToken);

        if (warmup > 0)
        {
            var warmCpu = CpuMeter.Start(pipeline.Azurite.FindProcessId());
            var warm = await RunPipelineAsync(pipeline, estate, Enumerable.Range(incidents, warmup), giveUp.Token);
            await stdout.WriteLineAsync(string.Create(c, $"  warm-up, not counted: {warmup} incidents in {warm.Elapsed.TotalSeconds:F1} s; {warmCpu.Read()}"));
            await PurgeAsync(pipeline.Client, warm.Instances, giveUp.Token);
        }
        var cpu = CpuMeter.Start(pipeline.Azurite.FindProcessId());
        var ours = await RunPipelineAsync(pipeline, estate, Enumerable.Range(0, incidents), giveUp.Token);
        var ourCpu = cpu.Read();
        var history = new TableClient(pipeline.Azurite.ConnectionString, "bench" + estate.Run + "History");
        var largeMessages = new BlobContainerClient(pipeline.Azurite.ConnectionString, ("bench" + estate.Run + "-largemessages").ToLowerInvariant());
        var shapes = new List<HistoryShape>();
        foreach (var id in ours.Instances)
        {
            shapes.Add(await HistoryShape.ReadAsync(history, largeMessages, id, giveUp.Token));
        }
        var activities = (int)Math.Round(shapes.Average(s => s.Activities));
        var timers = (int)Math.Round(shapes.Average(s => s.Timers));
        // The bare engine sleeps as long as an incident's clock watch does, split over the same number of timers.
        var timerSeconds = timers == 0 ? 0 : horizonHours * 3600 / TimeScale / timers;
        await stdout.WriteLineAsync(string.Create(c, $"  pipeline: {incidents} incidents in {ours.Elapsed.TotalSeconds:F1} s; per incident {activities} activities, {timers} timers, {shapes.Average(s => s.Events):F0} history events (max {shapes.Max(s => s.Events)}); statuses {string.Join(", ", ours.Statuses.GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}"))}"));

        // Where the history goes: the activities an incident schedules, most first (each costs about four history events).
        var byName = shapes.SelectMany(s => s.ActivitiesByName).GroupBy(p => p.Key)
            .Select(g => (Name: g.Key, PerIncident: g.Sum(p => p.Value) / (double)shapes.Count)).OrderByDescending(p => p.PerIncident).ToList();
        await stdout.WriteLineAsync("  activities per incident, by name: " + string.Join(", ", byName.Select(p => string.Create(c, $"{p.Name} {p.PerIncident:0.#}"))));
        // What a replay reads back: the history's stored data, and the activity inputs that make most of it.
        var inputs = shapes.SelectMany(s => s.InputCharsByName).GroupBy(p => p.Key)
            .Select(g => (Name: g.Key, PerIncident: g.Sum(p => p.Value) / (double)shapes.Count)).OrderByDescending(p => p.PerIncident).Take(4);
        await stdout.WriteLineAsync(string.Create(c, $"  history data per incident: {shapes.Average(s => s.PayloadChars) / 1024:F0} K characters ({shapes.Average(s => s.BlobPayloads):0.#} payloads in large-message blobs, counted by what they hold); activity inputs, largest first: ")
            + string.Join(", ", inputs.Select(p => string.Create(c, $"{p.Name} {p.PerIncident / 1024:F0} K"))));

        await stdout.WriteLineAsync($"  cpu during the pipeline: {ourCpu}");

        cpu = CpuMeter.Start(pipeline.Azurite.FindProcessId());
        var bare = await RunBareAsync(pipeline, estate.Run, incidents, warmup, new BareShape(activities, timers, timerSeconds), giveUp.Token);
        var bareCpu = cpu.Read();
        var bareHistory = new TableClient(pipeline.Azurite.ConnectionString, "bare" + estate.Run + "History");
        var bareEvents = (await HistoryShape.ReadAsync(bareHistory, bare.Instances[0], giveUp.Token)).Events;
        await stdout.WriteLineAsync(string.Create(c, $"  bare engine: {incidents} orchestrations of {activities} no-op activities and {timers} timers of {timerSeconds:F2} s in {bare.Elapsed.TotalSeconds:F1} s; {bareEvents} history events each"));
        if (bare.Warmup is { } bareWarm)
        {
            await stdout.WriteLineAsync(string.Create(c, $"  bare warm-up, not counted: {warmup} orchestrations in {bareWarm.Wall.TotalSeconds:F1} s; {bareWarm}"));
        }
        await stdout.WriteLineAsync($"  cpu during the bare engine: {bareCpu}");

        var ourRate = incidents / ours.Elapsed.TotalSeconds;
        var bareRate = incidents / bare.Elapsed.TotalSeconds;
        await stdout.WriteLineAsync("figures (same run, same Azurite):");
        await stdout.WriteLineAsync(string.Create(c, $"  bare engine       {bareRate,8:F3} orchestrations/s   1"));
        await stdout.WriteLineAsync(string.Create(c, $"  whole pipeline    {ourRate,8:F3} incidents/s        {ourRate / bareRate:F3} of bare"));
        await stdout.WriteLineAsync(string.Create(c, $"  history events per incident {shapes.Average(s => s.Events):F0} (bare {bareEvents}) over a {horizonHours:0.#}-hour clock"));
        var ok = ours.Statuses.All(s => s is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            && bare.Statuses.All(s => s == OrchestrationRuntimeStatus.Completed);
        await stdout.WriteLineAsync(ok ? "pipeline OK: every orchestration completed" : "pipeline NOT OK: some orchestrations did not complete");
        return ok ? 0 : 1;
    }

    /// <summary>One incident per AI system of the estate in <paramref name="systems"/>, each opened by one alert; waits for all to end.</summary>
    private static async Task<Ran> RunPipelineAsync(LocalPipeline pipeline, BenchEstate estate, IEnumerable<int> systems, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var watch = Stopwatch.StartNew();
        var indexes = systems.ToList();
        var opened = new string[indexes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, indexes.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (n, ct) =>
        {
            var i = indexes[n];
            using var response = await http.PostAsync(pipeline.EventsUrl, new StringContent(estate.Alert(i), Encoding.UTF8, "application/cloudevents+json"), ct);
            response.EnsureSuccessStatusCode();
            var summary = await response.Content.ReadFromJsonAsync<DeliverySummary>(JsonSerializerOptions.Web, ct);
            opened[n] = summary?.Incidents.SingleOrDefault() ?? throw new InvalidOperationException($"Alert {i} opened no incident.");
        });
        var statuses = await Task.WhenAll(opened.Select(id => pipeline.Client.WaitForInstanceCompletionAsync(id, cancellationToken)));
        return new Ran(opened, [.. statuses.Select(s => s.RuntimeStatus)], watch.Elapsed);
    }

    private static async Task<Ran> RunBareAsync(LocalPipeline pipeline, string run, int instances, int warmup, BareShape shape, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));
        await using var sidecar = await AzureStorageSidecar.StartAsync(pipeline.Azurite.ConnectionString, "bare" + run, loggers, cancellationToken);
        using var channel = GrpcChannel.ForAddress(sidecar.Address);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(channel));
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(r =>
            {
                r.AddOrchestratorFunc<BareShape, int>(NoOpOrchestrator, async (context, input) =>
                {
                    for (var a = 0; a < input.Activities; a++)
                    {
                        await context.CallActivityAsync<int>(NoOpActivity, a);
                    }
                    for (var t = 0; t < input.Timers; t++)
                    {
                        await context.CreateTimer(TimeSpan.FromSeconds(input.TimerSeconds), CancellationToken.None);
                    }
                    return input.Activities;
                });
                r.AddActivityFunc<int, int>(NoOpActivity, (_, n) => n);
            });
            b.UseGrpc(channel);
        });
        using var app = builder.Build();
        await app.StartAsync(cancellationToken);
        try
        {
            CpuReading? warmed = null;
            if (warmup > 0)
            {
                var cpu = CpuMeter.Start(pipeline.Azurite.FindProcessId());
                var (warmIds, _) = await RunSomeAsync(warmup);
                warmed = cpu.Read();
                await PurgeAsync(app.Services.GetRequiredService<DurableTaskClient>(), warmIds, cancellationToken);
            }
            var watch = Stopwatch.StartNew();
            var (ids, statuses) = await RunSomeAsync(instances);
            return new Ran(ids, statuses, watch.Elapsed) { Warmup = warmed };
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }

        async Task<(string[] Ids, OrchestrationRuntimeStatus[] Statuses)> RunSomeAsync(int count)
        {
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => client.ScheduleNewOrchestrationInstanceAsync(NoOpOrchestrator, shape, cancellationToken)));
            var statuses = await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id, cancellationToken)));
            return (ids, [.. statuses.Select(s => s.RuntimeStatus)]);
        }
    }

    /// <summary>
    /// Deletes the warm-up's histories, so each side is timed on tables as empty as the other's: Azurite answers a query
    /// on a partition by reading its whole table, so rows left by the warm-up would slow the timed run and not Azure Storage.
    /// </summary>
    private static async Task PurgeAsync(DurableTaskClient client, IEnumerable<string> instances, CancellationToken cancellationToken)
    {
        foreach (var id in instances)
        {
            await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
        }
    }

    private sealed record BareShape(int Activities, int Timers, double TimerSeconds);

    private sealed record Ran(IReadOnlyList<string> Instances, IReadOnlyList<OrchestrationRuntimeStatus> Statuses, TimeSpan Elapsed)
    {
        /// <summary>Where the cores went while the untimed warm-up ran, when there was one (the bare engine's; the pipeline prints its own).</summary>
        public CpuReading? Warmup { get; init; }
    }
}
