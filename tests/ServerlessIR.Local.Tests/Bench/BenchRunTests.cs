using ServerlessIR.Local.Bench;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Bench;

/// <summary>A short run of each bench on the run's Azurite prints its figures (no figure is asserted: they are the machine's).</summary>
[Trait("Category", "Storage")]
public sealed class BenchRunTests : IAsyncLifetime
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
        using var output = new StringWriter();

        var exit = await LatencyBench.RunAsync(output, incidents: 2, concurrency: 2, options);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("sequential", text, StringComparison.Ordinal);
        Assert.Contains("2 at once", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n').Count(l => l.Contains("n=   2  p50", StringComparison.Ordinal) && l.Contains("p99", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PipelineBench_TwoIncidents_PrintsBothThroughputsTheRatioAndHistoryEvents()
    {
        using var output = new StringWriter();

        var exit = await PipelineBench.RunAsync(output, incidents: 2, horizonHours: 24, options);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("bare engine ", text, StringComparison.Ordinal);
        Assert.Contains("of bare", text, StringComparison.Ordinal);
        Assert.Contains("history events per incident", text, StringComparison.Ordinal);
    }
}
