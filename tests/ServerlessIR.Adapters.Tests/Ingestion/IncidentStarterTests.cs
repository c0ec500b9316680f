using Azure.Data.Tables;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Adapters.Tests.Ingestion;

/// <summary>
/// The start row on Azurite, with the engine's answers (an instance there or not, a schedule refused) played by a mock:
/// the races it settles are not reproducible on demand against a real engine (IncidentStarterEngineTests runs one).
/// </summary>
[Trait("Category", "Storage")]
[Collection(Evidence.AzuriteCollection.Name)]
public sealed class IncidentStarterTests(AzuriteFixture azurite)
{
    private const string IncidentId = "inc-20261130-starter000";
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

    private static readonly IncidentInput Input = new(IncidentId, DateTimeOffset.UnixEpoch, new Signal
    {
        Id = "sig-1",
        Source = "tests",
        Kind = SmokeTestSource.Kind,
        OccurredAt = DateTimeOffset.UnixEpoch,
        Summary = "starter test",
        PayloadRef = "blob:raw-alerts/x.json",
    }, new IncidentRuntime());

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private async Task<(IncidentStarter Starter, TableClient Deliveries)> StarterAsync(string hint)
    {
        var names = new TableNames(new StorageOptions { Prefix = TestStorageAccount.NewPrefix(hint) });
        await azurite.CreateAsync([names.Deliveries]);
        var starter = new IncidentStarter(azurite.Tables, names, Options.Create(new IngestionOptions { ClaimTimeout = StaleAfter }), clock);
        return (starter, azurite.Tables.GetTableClient(names.Deliveries));
    }

    private static Mock<DurableTaskClient> Engine(bool instanceExists = false)
    {
        var durable = new Mock<DurableTaskClient>("tests");
        durable.Setup(d => d.GetInstanceAsync(IncidentId, false, It.IsAny<CancellationToken>())).ReturnsAsync(instanceExists
            ? new OrchestrationMetadata(nameof(IncidentOrchestrator), IncidentId) { RuntimeStatus = OrchestrationRuntimeStatus.Running }
            : null);
        return durable;
    }

    private static void VerifyScheduled(Mock<DurableTaskClient> durable, Times times) =>
        durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(),
            It.IsAny<CancellationToken>()), times);

    [Fact]
    public async Task StartOnceAsync_NoInstance_SchedulesWithNoStatusReusable()
    {
        var (starter, _) = await StarterAsync("stnew");
        var durable = Engine();
        StartOrchestrationOptions? sent = null;
        durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), Input, It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, _, options, _) => sent = options)
            .ReturnsAsync(IncidentId);

        var outcome = await starter.StartOnceAsync(durable.Object, Input);

        Assert.Equal(IncidentStartOutcome.Started, outcome);
        Assert.Equal(IncidentId, sent?.InstanceId);
        // Every status but the obsolete ones: an existing instance is never replaced, running or ended.
        string[] expected = ["Completed", "Failed", "Pending", "Running", "Suspended", "Terminated"];
        Assert.Equal(expected, sent!.DedupeStatuses!.Order());
    }

    [Fact]
    public async Task StartOnceAsync_InstanceExists_DoesNotSchedule()
    {
        var (starter, _) = await StarterAsync("stexists");
        var durable = Engine(instanceExists: true);

        var outcome = await starter.StartOnceAsync(durable.Object, Input);

        Assert.Equal(IncidentStartOutcome.Existed, outcome);
        VerifyScheduled(durable, Times.Never());
    }

    [Fact]
    public async Task StartOnceAsync_AnotherDeliveryHoldsAFreshStart_ContendedWithoutScheduling()
    {
        var (starter, _) = await StarterAsync("stheld");
        var first = Engine();
        first.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), Input, It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(IncidentId);
        await starter.StartOnceAsync(first.Object, Input);
        // The instance is not visible yet to the second delivery (the first is between its start row and the engine).
        var second = Engine();

        var outcome = await starter.StartOnceAsync(second.Object, Input);

        Assert.Equal(IncidentStartOutcome.Contended, outcome);
        VerifyScheduled(second, Times.Never());
    }

    [Fact]
    public async Task StartOnceAsync_HolderDiedAndItsStartWentStale_RedeliveryTakesItOverAndSchedules()
    {
        var (starter, deliveries) = await StarterAsync("ststale");
        await deliveries.AddEntityAsync(new TableEntity("start", IncidentId) { ["ClaimedAt"] = clock.GetUtcNow() });
        clock.Advance(StaleAfter + TimeSpan.FromSeconds(1));
        var durable = Engine();
        durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), Input, It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(IncidentId);

        var outcome = await starter.StartOnceAsync(durable.Object, Input);

        Assert.Equal(IncidentStartOutcome.Started, outcome);
        VerifyScheduled(durable, Times.Once());
    }

    [Fact]
    public async Task StartOnceAsync_EngineRefusesAsAlreadyExisting_ExistedWithoutThrowing()
    {
        var (starter, _) = await StarterAsync("strefused");
        var durable = Engine();
        durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), Input, It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OrchestrationAlreadyExistsException($"An orchestration with ID {IncidentId} already exists."));

        var outcome = await starter.StartOnceAsync(durable.Object, Input);

        Assert.Equal(IncidentStartOutcome.Existed, outcome);
    }

    [Fact]
    public async Task StartOnceAsync_ScheduleFails_StartGivenBackForTheRedelivery()
    {
        var (starter, deliveries) = await StarterAsync("stfail");
        var failing = Engine();
        failing.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), Input, It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("the engine did not answer"));

        await Assert.ThrowsAsync<TimeoutException>(() => starter.StartOnceAsync(failing.Object, Input));

        Assert.False((await deliveries.GetEntityIfExistsAsync<TableEntity>("start", IncidentId)).HasValue);
        var retry = Engine();
        retry.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), Input, It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(IncidentId);
        Assert.Equal(IncidentStartOutcome.Started, await starter.StartOnceAsync(retry.Object, Input));
    }
}
