using Microsoft.DurableTask.Client;
using Moq;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Tests.Incidents;

/// <summary>
/// The wait before an event is raised to a just-scheduled incident, with the engine's answers played by a mock: an
/// instance that stays pending for a given number of reads is not reproducible on demand against a real engine.
/// </summary>
public sealed class IncidentStartWaitTests
{
    private const string Id = "inc-20261201-startwait0";

    private static OrchestrationMetadata Instance(OrchestrationRuntimeStatus status) =>
        new(nameof(IncidentOrchestrator), Id) { RuntimeStatus = status };

    [Fact]
    public async Task WhenStartedAsync_PendingForThreeReads_ReturnsTheRunningInstanceOnTheFourth()
    {
        var durable = new Mock<DurableTaskClient>("test");
        durable.SetupSequence(d => d.GetInstanceAsync(Id, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Instance(OrchestrationRuntimeStatus.Pending))
            .ReturnsAsync(Instance(OrchestrationRuntimeStatus.Pending))
            .ReturnsAsync(Instance(OrchestrationRuntimeStatus.Pending))
            .ReturnsAsync(Instance(OrchestrationRuntimeStatus.Running));

        var started = await IncidentStartWait.WhenStartedAsync(durable.Object, Id, TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);

        Assert.Equal(OrchestrationRuntimeStatus.Running, started?.RuntimeStatus);
        durable.Verify(d => d.GetInstanceAsync(Id, false, It.IsAny<CancellationToken>()), Times.Exactly(4));
    }

    [Fact]
    public async Task WhenStartedAsync_StillPendingAfterItsPatience_ReturnsNullSoNothingIsRaised()
    {
        var durable = new Mock<DurableTaskClient>("test");
        durable.Setup(d => d.GetInstanceAsync(Id, false, It.IsAny<CancellationToken>())).ReturnsAsync(Instance(OrchestrationRuntimeStatus.Pending));

        var started = await IncidentStartWait.WhenStartedAsync(durable.Object, Id, TimeSpan.FromMilliseconds(300), TimeProvider.System, CancellationToken.None);

        Assert.Null(started);
        // It read more than once before giving up: it waited, it did not answer from the first read.
        durable.Verify(d => d.GetInstanceAsync(Id, false, It.IsAny<CancellationToken>()), Times.AtLeast(2));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running, false)]
    [InlineData(OrchestrationRuntimeStatus.Pending, true)]
    [InlineData(OrchestrationRuntimeStatus.Completed, false)]
    public void IsStarting_OnlyAPendingInstance(OrchestrationRuntimeStatus status, bool starting) =>
        Assert.Equal(starting, IncidentStartWait.IsStarting(Instance(status)));
}
