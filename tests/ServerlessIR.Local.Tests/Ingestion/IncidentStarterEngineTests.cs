using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Ingestion;

/// <summary>
/// <see cref="IncidentStarter"/> against the local host's real engine (Durable Task on Azure Storage, through the gRPC
/// sidecar, on Azurite): several deliveries starting the same incident at once start it once.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class IncidentStarterEngineTests(LocalPipelineFixture fixture)
{
    private const int Racers = 4;

    [Fact]
    public async Task StartOnceAsync_SameIncidentFromSeveralDeliveriesAtOnce_OneStartsAndOneExecutionRuns()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var incidentId = $"{SmokeTestSource.IncidentIdPrefix}starter-{Guid.NewGuid():N}";
        var input = new IncidentInput(incidentId, DateTimeOffset.UtcNow, new Signal
        {
            Id = incidentId,
            Source = "serverlessir-smoke",
            Kind = SmokeTestSource.Kind,
            OccurredAt = DateTimeOffset.UtcNow,
            Summary = "two deliveries open one incident",
            PayloadRef = "blob:raw-alerts/starter-test.json",
        }, new IncidentRuntime());
        var names = new TableNames(new StorageOptions { Prefix = fixture.StoragePrefix });
        var starter = new IncidentStarter(new TableServiceClient(fixture.Pipeline.Azurite.ConnectionString), names,
            Options.Create(new IngestionOptions()), TimeProvider.System);
        using var go = new SemaphoreSlim(0, Racers);
        var racers = Enumerable.Range(0, Racers).Select(_ => Task.Run(async () =>
        {
            await go.WaitAsync(timeout.Token);
            return await starter.StartOnceAsync(fixture.Pipeline.Client, input, timeout.Token);
        })).ToList();

        go.Release(Racers);
        var started = await Task.WhenAll(racers);
        var ended = await fixture.Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: false, timeout.Token);

        Assert.Single(started, s => s == IncidentStartOutcome.Started);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        var history = new TableClient(fixture.Pipeline.Azurite.ConnectionString, fixture.TaskHub + "History");
        var executions = new HashSet<string>(StringComparer.Ordinal);
        var starts = 0;
        await foreach (var row in history.QueryAsync<TableEntity>(r => r.PartitionKey == incidentId, cancellationToken: timeout.Token))
        {
            if (row.GetString("EventType") == "ExecutionStarted")
            {
                starts++;
            }
            if (row.GetString("ExecutionId") is { } execution)
            {
                executions.Add(execution);
            }
        }
        Assert.Equal(1, starts);
        Assert.Single(executions);
    }
}
