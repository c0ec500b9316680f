using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Fuzz;

/// <summary>
/// <c>ir fuzz</c>: sends the generator's deliveries to <c>POST /api/events</c>, then accounts for every event (accepted per
/// the delivery summary, recorded as rejected, or refused as a whole with a 4xx) and checks that no incident the run opened
/// or joined ended <c>Failed</c>. Exit code 1 on any 5xx, any lost event or any failed incident.
/// </summary>
public static class FuzzRunner
{
    private const int Retries503 = 3;
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SettleProgressEvery = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(FuzzOptions options, TextWriter stdout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        var started = DateTimeOffset.UtcNow;
        var corpus = FuzzCorpus.Load(started);
        if (options.BaseUrl is { } baseUrl)
        {
            await stdout.WriteLineAsync($"ir fuzz: {options.Events} events, seed {options.Seed}, against {baseUrl} (a running host)");
            return await RunAgainstAsync(options, corpus, baseUrl, options.Key ?? "", null, started, stdout, cancellationToken);
        }

        var run = started.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var pipelineOptions = options.Pipeline ?? new LocalPipelineOptions
        {
            ApiPort = 0,
            // Its own tables, containers and task hub: the run joins no drill's incident and a rerun of a seed starts clean.
            TaskHub = "fuzz" + run,
            StoragePrefix = "fuzz" + run,
            TimeScale = FuzzOptions.TimeScale,
            HorizonHours = FuzzOptions.HorizonHours,
            Host = options.Host,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Error,
        };
        await stdout.WriteLineAsync($"ir fuzz: {options.Events} events, seed {options.Seed}; starting a local host (host {pipelineOptions.Host.ToString().ToLowerInvariant()}, time scale {pipelineOptions.TimeScale.ToString(CultureInfo.InvariantCulture)}, horizon {pipelineOptions.HorizonHours?.ToString(CultureInfo.InvariantCulture) ?? "none"} h)...");
        await using var pipeline = await LocalPipeline.StartAsync(pipelineOptions, cancellationToken: cancellationToken);
        await stdout.WriteLineAsync($"  listening on {pipeline.ApiUrl}; host errors, if any, are logged below as they happen");
        var code = await RunAgainstAsync(options, corpus, pipeline.ApiUrl, pipeline.WebhookKey, pipeline, started, stdout, cancellationToken);
        await stdout.WriteLineAsync("Stopping the local host...");
        return code;
    }

    private static async Task<int> RunAgainstAsync(FuzzOptions options, IReadOnlyList<FuzzSeed> corpus, Uri baseUrl, string key,
        LocalPipeline? pipeline, DateTimeOffset started, TextWriter stdout, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(1, options.Concurrency) };
        using var http = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(3),
        };
        var generator = new FuzzGenerator(corpus, options.Seed, started);
        var answers = new ConcurrentBag<FuzzAnswer>();
        var times = new ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        var sent = 0;
        var nextProgress = options.ProgressEvery;
        var progressLock = new object();

        await Parallel.ForEachAsync(generator.Deliveries(options.Events),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken },
            async (delivery, ct) =>
            {
                var answer = await SendAsync(http, key, delivery, times, ct);
                answers.Add(answer);
                var total = Interlocked.Add(ref sent, delivery.Events.Count);
                lock (progressLock)
                {
                    if (total < nextProgress) return;
                    while (nextProgress <= total) nextProgress += options.ProgressEvery;
                }
                var soFar = answers.ToList();
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {total}/{options.Events} events sent in {soFar.Count} deliveries ({wall.Elapsed.TotalSeconds:F0} s): {FuzzReport.StatusLine(soFar)}"));
            });
        wall.Stop();

        var ordered = answers.OrderBy(a => a.Delivery.Number).ToList();
        var rejected = await RejectedIdsAsync(http, pipeline, started, cancellationToken);
        var incidents = await SettleIncidentsAsync(http, pipeline, ordered.SelectMany(a => a.Incidents).Distinct(StringComparer.Ordinal).ToList(),
            options.SettleTimeout, stdout, cancellationToken);
        var report = new FuzzReport(options, ordered, [.. times], wall.Elapsed, rejected, incidents);
        return await report.WriteAsync(stdout, pipeline?.Paths.State);
    }

    /// <summary>One delivery as Event Grid makes it: a 503 is retried after its Retry-After (capped), a few times.</summary>
    private static async Task<FuzzAnswer> SendAsync(HttpClient http, string key, FuzzDelivery delivery, ConcurrentBag<double> times, CancellationToken cancellationToken)
    {
        var preview = delivery.Preview;
        var retried = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/events") { Content = new ByteArrayContent(delivery.Body) };
            if (delivery.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", delivery.ContentType);
            }
            request.Headers.Add("x-functions-key", key);
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                times.Add(clock.Elapsed.TotalMilliseconds);
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && retried < Retries503)
                {
                    retried++;
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    await Task.Delay(wait < MaxRetryWait ? wait : MaxRetryWait, cancellationToken);
                    continue;
                }
                return new FuzzAnswer(delivery with { Body = [] }, preview, status, response.Content.Headers.ContentType?.MediaType,
                    FuzzText.Preview(text), Summary(text), retried);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                return new FuzzAnswer(delivery with { Body = [] }, preview, 0, null, $"no answer: {ex.GetType().Name}: {ex.Message}", null, retried);
            }
        }
    }

    private static JsonObject? Summary(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject is { } o && o.ContainsKey("received") ? o : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The event IDs of the rejected-event records made since the run started, and how many records carry no ID of the run.
    /// From the table itself when the run started the host; through <c>GET /api/events/rejected</c> (its newest 1,000) otherwise.
    /// </summary>
    private static async Task<FuzzRejections> RejectedIdsAsync(HttpClient http, LocalPipeline? pipeline, DateTimeOffset since, CancellationToken cancellationToken)
    {
        IEnumerable<(string? Id, DateTimeOffset At)> rows;
        bool complete;
        if (pipeline is not null)
        {
            var store = pipeline.Services.GetRequiredService<RejectedEventStore>();
            rows = (await store.ListAsync(int.MaxValue, cancellationToken)).Select(r => (r.EventId, r.RejectedAt));
            complete = true;
        }
        else
        {
            const int Take = 1_000;
            var json = await http.GetFromJsonAsync<JsonObject>($"api/events/rejected?take={Take}", cancellationToken);
            var list = json?["rejected"] as JsonArray ?? [];
            rows = list.OfType<JsonObject>().Select(r => ((string?)r["eventId"],
                DateTimeOffset.TryParse((string?)r["rejectedAt"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : since));
            complete = list.Count < Take;
        }
        // A second's slack: the host's clock and this one are the same machine's, but the row's time is taken before the write.
        return new FuzzRejections([.. rows.Where(r => r.At >= since.AddSeconds(-1)).Select(r => r.Id)], complete);
    }

    /// <summary>
    /// Waits until every incident has ended (the run's own host ends them at the horizon), then reads each one's status.
    /// Against a running host its incidents may live for days, so it looks once.
    /// </summary>
    private static async Task<IReadOnlyList<FuzzIncident>> SettleIncidentsAsync(HttpClient http, LocalPipeline? pipeline, IReadOnlyList<string> ids,
        TimeSpan timeout, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        while (pipeline is not null)
        {
            var running = 0;
            foreach (var id in ids)
            {
                var instance = await pipeline.Client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
                if (instance is null || instance.IsRunning || instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending || ContinuingAsNew(instance)) running++;
            }
            if (running == 0 || clock.Elapsed > timeout)
            {
                break;
            }
            if (clock.Elapsed - lastProgress >= SettleProgressEvery)
            {
                lastProgress = clock.Elapsed;
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  waiting for the run's incidents to end: {running}/{ids.Count} still running ({clock.Elapsed.TotalSeconds:F0} s)"));
            }
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        var incidents = new List<FuzzIncident>();
        foreach (var id in ids)
        {
            using var response = await http.GetAsync("api/incidents/" + Uri.EscapeDataString(id), cancellationToken);
            var status = response.IsSuccessStatusCode
                ? (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["status"] ?? "?"
                : $"HTTP {(int)response.StatusCode}";
            string? runtime = null;
            string? failure = null;
            // Failure details come with the inputs and outputs only.
            if (pipeline is not null && await pipeline.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is { } instance)
            {
                runtime = instance.RuntimeStatus.ToString();
                failure = instance.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : null;
            }
            incidents.Add(new FuzzIncident(id, status, runtime, failure));
        }
        return incidents;
    }

    /// <summary>The obsolete status an engine may show for a moment while an incident's next generation starts: still running.</summary>
#pragma warning disable CS0618
    private static bool ContinuingAsNew(OrchestrationMetadata instance) => instance.RuntimeStatus == OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618
}
