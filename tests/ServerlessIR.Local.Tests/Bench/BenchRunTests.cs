using System.Text.RegularExpressions;
using ServerlessIR.Local.Bench;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Bench;

/// <summary>A short run of each bench on the run's Azurite prints its figures (no figure is asserted: they are the machine's).</summary>
[Trait("Category", "Storage")]
public sealed partial class BenchRunTests : IAsyncLifetime
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "ir-bench-" + Guid.NewGuid().ToString("N"));
    private LocalPipelineOptions options = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(state);
        var storage = await TestAzurite.GetAsync();
        options = new LocalPipelineOptions { AzuriteBlobPort = storage.BlobPort, StateFolder = state, StoragePrefix = TestStorageAccount.NewPrefix("bench") };
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(state, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task LatencyBench_TwoIncidents_PrintsPercentilesSequentialAndConcurrent()
    {
        var text = await RunAsync(output => LatencyBench.RunAsync(output, incidents: 2, concurrency: 2, options));

        Assert.Contains("sequential", text, StringComparison.Ordinal);
        Assert.Contains("2 at once", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(l => l.Contains("n=   2  p50", StringComparison.Ordinal) && l.Contains("p99", StringComparison.Ordinal)));
        // Where the cores went in each half: the suite's Azurite is found by its port.
        Assert.Equal(2, CpuLines().Count(text));
        // The host stops only once the four incidents have ended, so the shutdown cuts off none of their work.
        Assert.Contains("  all 4 incidents ended ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineBench_TwoIncidents_PrintsBothThroughputsTheRatioAndHistoryEvents()
    {
        var text = await RunAsync(output => PipelineBench.RunAsync(output, incidents: 2, horizonHours: 24, options, warmup: 1));

        Assert.Contains("bare engine ", text, StringComparison.Ordinal);
        Assert.Contains("of bare", text, StringComparison.Ordinal);
        Assert.Contains("history events per incident", text, StringComparison.Ordinal);
        Assert.Equal(2, CpuLines().Count(text));
        // Each side ran one untimed first, and says where its cores went meanwhile.
        Assert.Contains("  warm-up, not counted: 1 incidents in ", text, StringComparison.Ordinal);
        Assert.Contains("  bare warm-up, not counted: 1 orchestrations in ", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Fifty incidents at scale 1 counting a thousand alerts while people amend and approve: minutes on two cores, so it is a
    /// <c>Bench</c> test, run by hand (docs/testing.md), not in the suite.
    /// </summary>
    [Fact]
    [Trait("Category", "Bench")]
    public async Task IngestBench_ThousandAlerts_EveryAlertCountedAndEveryAmendmentAndApprovalTakesEffect()
    {
        var text = await RunAsync(output => IngestBench.RunAsync(output, alerts: 1_000, options));

        Assert.Contains("storm OK", text, StringComparison.Ordinal);
        Assert.Matches(@"facts amendments posted to the storm's incidents: 50/50 took effect; p50 [0-9.]+ s, p99 [0-9.]+ s, max [0-9.]+ s", text);
        Assert.Matches(@"approvals posted to the storm's incidents: 50/50 took effect; p50 [0-9.]+ s, p99 [0-9.]+ s, max [0-9.]+ s", text);
        Assert.DoesNotContain("never asked for approval", text, StringComparison.Ordinal);
        Assert.Contains("people OK", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"cpu[a-z ]*: Azurite [0-9.]+ s CPU \([0-9]+ % of one core\), ir [0-9.]+ s \([0-9]+ % of one core; [0-9]+ cores\) over [0-9.]+ s; ir's JIT compiling [0-9.]+ s of it")]
    private static partial Regex CpuLines();

    /// <summary>Runs a bench, asserts it exited 0 (no lost alert, no stuck incident) and returns what it printed.</summary>
    private static async Task<string> RunAsync(Func<TextWriter, Task<int>> bench)
    {
        using var output = new StringWriter();
        var exit = await bench(output);
        var text = output.ToString();
        Assert.True(exit == 0, text);
        return text;
    }
}
