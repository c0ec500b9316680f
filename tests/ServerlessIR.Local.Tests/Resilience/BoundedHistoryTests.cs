using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Local.Hosting;
using Xunit.Abstractions;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// Bounded histories on the real engine (docs/performance.md#bounded-histories): a storm of joins through the webhook into an
/// incident's clock watch, with a low history budget, on the Azure Storage backend against Azurite. The incident continues as
/// new several times, takes every signal, keeps one verified evidence chain, and no generation's history in the engine's
/// History table grows far past the budget. Prints the history rows each generation reached.
/// </summary>
[Trait("Category", "Storage")]
public sealed class BoundedHistoryTests(ITestOutputHelper output)
{
    private const int Joins = 600;
    private const int Batch = 50;
    private const int Budget = 80;

    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task Ingest_JoinStormInTheClockWatch_ContinuesAsNewWithBoundedHistoriesAndTakesEverySignal(PipelineHost host)
    {
        var state = Path.Combine(Path.GetTempPath(), "ir-bounded-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(state);
        try
        {
            await StormAsync(host, state);
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { }
        }
    }

    private async Task StormAsync(PipelineHost host, string state)
    {
        var taskHub = TestStorageAccount.NewTaskHub("bounded");
        var storage = await TestAzurite.GetAsync();
        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StateFolder = state,
            StoragePrefix = TestStorageAccount.NewPrefix("bounded"),
            DrillTrustedSources = ["/tests/"],
            TaskHub = taskHub,
            Host = host,
            // 30 incident hours in 60 real seconds, as the join storm test: the storm lands in the clock watch.
            TimeScale = 1_800,
            HorizonHours = 30,
            HumanWaitFloorSeconds = 1,
            HistoryEventsPerGeneration = Budget,
        });
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(720));
        var (id, org, user) = await IncidentProbe.OpenAsync(pipeline, http);
        var ledger = pipeline.Services.GetRequiredService<IEvidenceLedger>();
        // The storm comes once the watch has continued as new a first time (its first generation holds assessment and
        // containment), so it is taken across the later switches.
        while (!(await ledger.ReadAsync(id, timeout.Token)).Any(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew))
        {
            await Task.Delay(200, timeout.Token);
        }
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var rows = WatchHistoryAsync(pipeline, taskHub, id, watching.Token);

        var posting = Stopwatch.StartNew();
        for (var sent = 0; sent < Joins; sent += Batch)
        {
            var events = Enumerable.Range(sent, Batch).Select(i => IncidentProbe.Alert(org, user, $"storm alert {i}")).ToList();
            using var body = new StringContent(JsonSerializer.Serialize(events), Encoding.UTF8, "application/cloudevents-batch+json");
            using var response = await http.PostAsync(pipeline.EventsUrl, body, timeout.Token);
            var delivery = await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
            Assert.True(response.IsSuccessStatusCode, delivery?.ToJsonString());
            Assert.True((int?)delivery!["joined"] == Batch, delivery.ToJsonString());
            await Task.Delay(500, timeout.Token);
        }
        output.WriteLine($"{Joins} alerts posted in {posting.Elapsed.TotalSeconds:0.0} s");

        var summary = await IncidentProbe.WaitForEndAsync(pipeline, id, timeout.Token);
        await watching.CancelAsync();
        var generations = await rows;

        var records = await ledger.ReadAsync(id, timeout.Token);
        var switches = records.Count(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew);
        output.WriteLine($"{switches} continue-as-new; history rows per generation seen in the engine's table (budget {Budget} estimated events): "
            + string.Join(", ", generations.Values));
        output.WriteLine("evidence: " + string.Join(", ", records.GroupBy(r => r.Kind).Select(g => $"{g.Key} x{g.Count()}")));
        output.WriteLine("failures: " + string.Join(" | ", records.Where(r => r.Kind == EvidenceKinds.BookkeepingFailed).Select(r => r.Summary)));
        output.WriteLine("switches: " + string.Join(" | ", records.Where(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew).Select(r => r.Payload!.ToJsonString())));
        Assert.Equal(Joins + 1, summary.Signals);
        Assert.True(switches >= 3, $"continued as new {switches} time(s)");
        // The storm was taken across the switches: some of it by each of at least two generations after the first.
        var signalsAtSwitches = records.Where(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew).Select(r => r.Payload!["signals"]!.GetValue<int>()).ToList();
        Assert.True(signalsAtSwitches.Distinct().Count() >= 2, string.Join(", ", signalsAtSwitches));
        var verification = await IncidentProbe.VerifyEvidenceAsync(pipeline, id);
        Assert.True(verification.Verified, verification.Problem);
        Assert.Equal(verification.Records, summary.EvidenceRecords);
        Assert.Contains(summary.Timeline, t => t.Kind == EvidenceKinds.IncidentHorizonReached);
        // Only the first generation, which holds the assessment and containment before its first safe point, may pass the
        // budget by far; the engine keeps an ended generation's rows until it deletes them, so the first is not the first seen.
        Assert.True(generations.Values.Count(count => count >= Budget * 3) <= 1, string.Join(", ", generations.Values));
    }

    /// <summary>Polls the engine's History table and keeps, per execution (generation), the most rows it was seen with.</summary>
    private async Task<Dictionary<string, int>> WatchHistoryAsync(LocalPipeline pipeline, string taskHub, string instanceId,
        CancellationToken cancellationToken)
    {
        var history = new TableClient(pipeline.Azurite.ConnectionString, taskHub + "History");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        var shapes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                var types = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
                await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["ExecutionId", "EventType"], cancellationToken: cancellationToken))
                {
                    // Event rows only, as the pipeline bench counts them (the partition also holds the instance's sentinel row).
                    if (row.GetString("EventType") is not { } type)
                    {
                        continue;
                    }
                    var execution = row.GetString("ExecutionId") ?? "";
                    counts[execution] = counts.GetValueOrDefault(execution) + 1;
                    var histogram = types.TryGetValue(execution, out var h) ? h : types[execution] = new(StringComparer.Ordinal);
                    histogram[type] = histogram.GetValueOrDefault(type) + 1;
                }
                foreach (var (execution, histogram) in types)
                {
                    shapes[execution] = string.Join(" ", histogram.OrderByDescending(t => t.Value).Select(t => $"{t.Key}:{t.Value}"));
                }
                foreach (var (execution, count) in counts)
                {
                    if (!seen.ContainsKey(execution))
                    {
                        order.Add(execution);
                    }
                    seen[execution] = Math.Max(seen.GetValueOrDefault(execution), count);
                }
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        foreach (var execution in order)
        {
            output.WriteLine($"execution {execution}: {seen[execution]} rows at most; last seen {shapes.GetValueOrDefault(execution)}");
        }
        return order.ToDictionary(e => e, e => seen[e], StringComparer.Ordinal);
    }
}
