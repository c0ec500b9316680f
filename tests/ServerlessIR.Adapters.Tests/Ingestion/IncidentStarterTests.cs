using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Tests.Ingestion;

public sealed class IncidentStarterTests
{
    private const string IncidentId = "inc-starter-test";

    private static readonly IncidentInput Input = new(IncidentId, DateTimeOffset.UnixEpoch, new Signal
    {
        Id = "sig-1",
        Source = "tests",
        Kind = SmokeTestSource.Kind,
        OccurredAt = DateTimeOffset.UnixEpoch,
        Summary = "starter test",
        PayloadRef = "blob:raw-alerts/x.json",
    }, new IncidentRuntime());

    [Fact]
    public async Task StartOnceAsync_NoInstance_SchedulesWithNoStatusReusable()
    {
        var durable = new Mock<DurableTaskClient>("tests");
        durable.Setup(d => d.GetInstanceAsync(IncidentId, false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        StartOrchestrationOptions? sent = null;
        durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), Input, It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, _, options, _) => sent = options)
            .ReturnsAsync(IncidentId);

        var started = await IncidentStarter.StartOnceAsync(durable.Object, Input);

        Assert.True(started);
        Assert.Equal(IncidentId, sent?.InstanceId);
        // Every status but the obsolete ones: an existing instance is never replaced, running or ended.
        string[] expected = ["Pending", "Running", "Suspended", "Completed", "Failed", "Terminated"];
        Assert.Equal(expected.Order(), sent!.DedupeStatuses!.Order());
    }

    [Fact]
    public async Task StartOnceAsync_InstanceExists_DoesNotSchedule()
    {
        var durable = new Mock<DurableTaskClient>("tests");
        durable.Setup(d => d.GetInstanceAsync(IncidentId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(nameof(IncidentOrchestrator), IncidentId) { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        var started = await IncidentStarter.StartOnceAsync(durable.Object, Input);

        Assert.False(started);
        durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(),
            It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task StartOnceAsync_AnotherDeliveryScheduledFirst_ReturnsFalseWithoutThrowing()
    {
        // Both looked before either scheduled: the engine refuses the second schedule.
        var durable = new Mock<DurableTaskClient>("tests");
        durable.Setup(d => d.GetInstanceAsync(IncidentId, false, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), Input, It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OrchestrationAlreadyExistsException($"An orchestration with ID {IncidentId} already exists."));

        var started = await IncidentStarter.StartOnceAsync(durable.Object, Input);

        Assert.False(started);
    }
}
