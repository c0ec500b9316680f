using System.Text.Json.Nodes;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>The Functions app (host.json) and the local host poll and hide durable messages alike.</summary>
public sealed class DurableQueueTimingsTests
{
    private static JsonNode StorageProvider() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AzuriteLauncher.FindRepositoryRoot(), "host.json")))!["extensions"]!["durableTask"]!["storageProvider"]!;

    [Theory]
    [InlineData("controlQueueVisibilityTimeout")]
    [InlineData("workItemQueueVisibilityTimeout")]
    public void HostJson_VisibilityTimeout_SameAsTheLocalHost(string setting)
    {
        Assert.Equal(DurableQueueTimings.VisibilityTimeout, TimeSpan.Parse(StorageProvider()[setting]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void HostJson_MaxQueuePollingInterval_SameAsTheLocalHost()
    {
        Assert.Equal(DurableQueueTimings.MaxQueuePollingInterval,
            TimeSpan.Parse(StorageProvider()["maxQueuePollingInterval"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void VisibilityTimeout_RestartedHostResumes_WithinHalfAMinute()
    {
        // The bound: a restarted host resumes an incident within 30 s; the host itself takes a few to start.
        Assert.InRange(DurableQueueTimings.VisibilityTimeout, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(25));
    }
}
