using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

public sealed class SingleStopOrchestrationServiceTests
{
    private readonly Mock<IOrchestrationService> engine = new(MockBehavior.Strict);

    public SingleStopOrchestrationServiceTests()
    {
        engine.Setup(e => e.StartAsync()).Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task StopAsync_ServerAndSidecarStopAtOnce_StopsTheEngineOnce()
    {
        var stopped = new TaskCompletionSource();
        engine.Setup(e => e.StopAsync(It.IsAny<bool>())).Returns(stopped.Task);
        var service = SingleStopOrchestrationService.Wrap(engine.Object, NullLogger.Instance);
        await service.StartAsync();

        var byServer = service.StopAsync();
        var bySidecar = service.StopAsync(isForced: true);
        Assert.False(bySidecar.IsCompleted);
        stopped.SetResult();
        await Task.WhenAll(byServer, bySidecar);

        engine.Verify(e => e.StopAsync(false), Times.Once);
        engine.Verify(e => e.StopAsync(true), Times.Never);
    }

    [Fact]
    public async Task StopAsync_NeverStarted_LeavesTheEngineAlone()
    {
        var service = SingleStopOrchestrationService.Wrap(engine.Object, NullLogger.Instance);

        await service.StopAsync(isForced: true);

        engine.Verify(e => e.StopAsync(It.IsAny<bool>()), Times.Never);
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2201", Justification = "Reproduces the NullReferenceException DTFx's lease manager throws on a second stop.")]
    public async Task StopAsync_EngineThrowsWhileStopping_CompletesWithoutThrowing()
    {
        engine.Setup(e => e.StopAsync(It.IsAny<bool>())).ThrowsAsync(new NullReferenceException("AppLeaseManager"));
        var service = SingleStopOrchestrationService.Wrap(engine.Object, NullLogger.Instance);
        await service.StartAsync();

        await service.StopAsync(isForced: true);
        await service.StopAsync();

        engine.Verify(e => e.StopAsync(true), Times.Once);
    }

    [Fact]
    public async Task OtherCalls_GoToTheEngine_WithItsOwnExceptions()
    {
        engine.SetupGet(e => e.MaxConcurrentTaskActivityWorkItems).Returns(7);
        engine.Setup(e => e.DeleteAsync()).ThrowsAsync(new InvalidOperationException("refused"));
        var service = SingleStopOrchestrationService.Wrap(engine.Object, NullLogger.Instance);

        Assert.Equal(7, service.MaxConcurrentTaskActivityWorkItems);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(service.DeleteAsync);
        Assert.Equal("refused", thrown.Message);
    }
}
