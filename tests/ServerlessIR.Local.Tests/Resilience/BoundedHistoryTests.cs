using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using Xunit.Abstractions;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// Bounded histories on the real engine (docs/performance.md#bounded-histories): a storm of joins through the webhook into an
/// incident's clock watch, with a low history budget, on the Azure Storage backend against Azurite. The incident continues as
/// new several times, takes every signal, keeps one verified evidence chain, and no generation's history in the engine's
/// History table grows far past the budget. Prints the history rows each generation reached. Events raised back to back
/// while it switches are each taken once, whichever generation they reach.
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
    public Task Ingest_JoinStormInTheClockWatch_ContinuesAsNewWithBoundedHistoriesAndTakesEverySignal(PipelineHost host) =>
        InStateFolderAsync(state => StormAsync(host, state));

    private static Task InStateFolderAsync(Func<string, Task> test) => IncidentProbe.InStateFolderAsync("ir-bounded-", test);

    private async Task StormAsync(PipelineHost host, string state)
    {
        var taskHub = TestStorageAccount.NewTaskHub("bounded");
        await using var pipeline = await StartAsync(host, state, taskHub, Budget);
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(720));
        var (id, org, user) = await IncidentProbe.OpenAsync(pipeline, http);
        var ledger = pipeline.Services.GetRequiredService<IEvidenceLedger>();
        // The storm comes once the watch has continued as new a first time (its first generation holds assessment and
        // containment), so it is taken across the later switches.
        await FirstSwitchAsync(ledger, id, timeout.Token);
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

    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public Task RaiseEvent_TasksBackToBackAcrossSwitches_EachTakenOnce(PipelineHost host) => InStateFolderAsync(async state =>
    {
        // Each task costs an evidence record and a record write: a budget of 40 switches every few tasks, so tasks
        // raised back to back reach the engine before, during and after the switches.
        await using var pipeline = await StartAsync(host, state, TestStorageAccount.NewTaskHub("boundedev"), 40);
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(600));
        var (id, _, _) = await IncidentProbe.OpenAsync(pipeline, http);
        var ledger = pipeline.Services.GetRequiredService<IEvidenceLedger>();
        await FirstSwitchAsync(ledger, id, timeout.Token);
        var ids = Enumerable.Range(1, 30).Select(i => $"t-{i:D2}").ToList();
        foreach (var task in ids)
        {
            await pipeline.Client.RaiseEventAsync(id, IncidentEvent.Name, new TaskCreatedEvent(new IncidentTask(task, "Check " + task,
                "dpo@northwind.example", DateTimeOffset.UtcNow.AddDays(30), null, "person", "dpo@northwind.example")), timeout.Token);
        }

        var summary = await IncidentProbe.WaitForEndAsync(pipeline, id, timeout.Token);
        var records = await ledger.ReadAsync(id, timeout.Token);

        var switches = records.Count(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew);
        output.WriteLine($"{switches} switch(es) while {ids.Count} tasks were raised");
        // At least one switch fell among the tasks: some were raised to one generation and taken by the next.
        var taskSequences = records.Where(r => r.Kind == EvidenceKinds.TaskCreated).Select(r => r.Sequence).ToList();
        Assert.Contains(records, r => r.Kind == EvidenceKinds.IncidentContinuedAsNew
            && r.Sequence > taskSequences.Min() && r.Sequence < taskSequences.Max());
        Assert.Equal(ids, summary.Tasks.Select(t => t.Id).Where(t => t.StartsWith("t-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var created = records.Where(r => r.Kind == EvidenceKinds.TaskCreated).Select(r => r.Payload!["taskId"]!.GetValue<string>())
            .Where(t => t.StartsWith("t-", StringComparison.Ordinal)).ToList();
        Assert.Equal(ids, created.Order(StringComparer.Ordinal));
        var verification = await IncidentProbe.VerifyEvidenceAsync(pipeline, id);
        Assert.True(verification.Verified, verification.Problem);
    });

    private static async Task<LocalPipeline> StartAsync(PipelineHost host, string state, string taskHub, int budget)
    {
        var storage = await TestAzurite.GetAsync();
        return await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StateFolder = state,
            StoragePrefix = TestStorageAccount.NewPrefix("bounded"),
            DrillTrustedSources = ["/tests/"],
            TaskHub = taskHub,
            Host = host,
            // 30 incident hours in 60 real seconds, as the join storm test: what the test sends lands in the clock watch.
            TimeScale = 1_800,
            HorizonHours = 30,
            HumanWaitFloorSeconds = 1,
            HistoryEventsPerGeneration = budget,
        });
    }

    private static async Task FirstSwitchAsync(IEvidenceLedger ledger, string id, CancellationToken cancellationToken)
    {
        while (!(await ledger.ReadAsync(id, cancellationToken)).Any(r => r.Kind == EvidenceKinds.IncidentContinuedAsNew))
        {
            await Task.Delay(200, cancellationToken);
        }
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
