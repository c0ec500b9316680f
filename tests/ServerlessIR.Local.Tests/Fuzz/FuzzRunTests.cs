using ServerlessIR.Local.Fuzz;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Fuzz;

/// <summary>
/// <c>ir fuzz</c> against a local host it starts on the run's Azurite: a small seed range (two seeds; the suite's time budget, docs/testing.md gives the 10,000-event run) must end with no 5xx, no lost
/// event and no failed incident (issue 17's harness, run as the second "Done when" asks, only smaller).
/// </summary>
[Trait("Category", "Storage")]
public sealed class FuzzRunTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RunAsync_TwoHundredEvents_NoServerErrorNoLostEventNoFailedIncident(int seed)
    {
        var storage = await TestAzurite.GetAsync();
        var state = Path.Combine(Path.GetTempPath(), "ir-fuzz-" + Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();
        try
        {
            var exit = await FuzzRunner.RunAsync(new FuzzOptions(200, seed)
            {
                // An incident that fails does so within a minute or two of its last join; waiting longer only waits for horizons.
                SettleTimeout = TimeSpan.FromMinutes(2),
                Pipeline = new LocalPipelineOptions
                {
                    ApiPort = 0,
                    AzuriteBlobPort = storage.BlobPort,
                    StoragePrefix = TestStorageAccount.NewPrefix("fuzz"),
                    TaskHub = TestStorageAccount.NewTaskHub("fuzz"),
                    StateFolder = state,
                    TimeScale = FuzzOptions.TimeScale,
                    HorizonHours = FuzzOptions.HorizonHours,
                    LogLevel = Microsoft.Extensions.Logging.LogLevel.Error,
                },
            }, output);

            Assert.True(exit == 0, output.ToString());
            Assert.Contains("Fuzz OK", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { }
        }
    }
}
