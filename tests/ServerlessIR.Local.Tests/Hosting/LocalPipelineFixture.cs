using System.Collections.Concurrent;
using System.Diagnostics;
using ServerlessIR.Local.Drill;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// One local pipeline (the run's Azurite under its own prefix and task hub, its own state folder, scale 7200, 30-hour horizon) shared by the tests. The
/// playbook puts a step behind approval, so the drill's people approve every request at the first tier through the
/// real page, except for incidents a test answers itself (<see cref="AnswerMyself"/>).
/// </summary>
public sealed class LocalPipelineFixture : IAsyncLifetime
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "ir-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, byte> answeredByTest = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopPeople = new();
    private Task people = Task.CompletedTask;

    public LocalPipeline Pipeline { get; private set; } = null!;

    /// <summary>The prefix of every table and container this pipeline writes in the run's shared Azurite.</summary>
    public string StoragePrefix { get; } = TestStorageAccount.NewPrefix("lp");

    /// <summary>This pipeline's durable task hub (its tables and containers start with it too).</summary>
    public string TaskHub { get; } = TestStorageAccount.NewTaskHub("tests");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("IR_STATE", state);
        var storage = await TestAzurite.GetAsync();
        Pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            // The default playbook with room for every test's incident in one day: the tests post dozens of BNPL alerts,
            // and the budget's own behaviour is tested by StepGateTests on a pipeline of its own.
            PlaybookPath = await TestPlaybooks.WriteDefaultAsync(state, perDay: 200),
            // The tests' alerts stand in for the trusted relay (a forged source is tested apart, in StepGateTests).
            DrillTrustedSources = ["/tests/"],
            ApiPort = 0,
            // The run's one Azurite; the prefix and task hub keep this pipeline's incidents apart from other tests'.
            AzuriteBlobPort = storage.BlobPort,
            StoragePrefix = StoragePrefix,
            TaskHub = TaskHub,
            // 30 incident hours in about 15 s: room for a person to answer a page before the clocks run out.
            TimeScale = 7_200,
            HorizonHours = 30,
            // Long enough for a test (or a headless browser on a busy machine) to answer the first approval tier.
            HumanWaitFloorSeconds = 60,
            // The drill's people below (and the tests) name who they act as in the local identity header.
            SimulatedPeople = true,
        });
        var approvers = new Scenario("tests", null, [], [new ScenarioApprover(Pipeline.Playbook.Approvals.Tiers[0].Name, "approve", 0.2)]);
        people = new DrillPeople(Pipeline, approvers, Stopwatch.StartNew(), _ => Task.CompletedTask,
            answers: id => !answeredByTest.ContainsKey(id), reviewNotices: false).RunAsync(stopPeople.Token);
    }

    /// <summary>Keeps the fixture's approvers away from an incident: call right after opening it.</summary>
    public void AnswerMyself(string incidentId) => answeredByTest.TryAdd(incidentId, 0);

    public async Task DisposeAsync()
    {
        await stopPeople.CancelAsync();
        await people;
        stopPeople.Dispose();
        await Pipeline.DisposeAsync();
        try { Directory.Delete(state, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// Every row and blob of this pipeline's tables and containers (its prefix and task hub: the run's Azurite holds other
    /// tests' too), as text, for the scans that prove what is not kept at rest.
    /// </summary>
    public async IAsyncEnumerable<StoredItem> StoredItemsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        bool Ours(string name) => name.StartsWith(StoragePrefix, StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith(TaskHub, StringComparison.OrdinalIgnoreCase);
        var tables = new Azure.Data.Tables.TableServiceClient(Pipeline.Azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            if (!Ours(table.Name))
            {
                continue;
            }
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: cancellationToken))
            {
                yield return new StoredItem($"table {table.Name} {entity.PartitionKey}/{entity.RowKey}", null, System.Text.Json.JsonSerializer.Serialize(entity));
            }
        }
        var blobs = new Azure.Storage.Blobs.BlobServiceClient(Pipeline.Azurite.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(cancellationToken: cancellationToken))
        {
            if (!Ours(container.Name))
            {
                continue;
            }
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var item in client.GetBlobsAsync(cancellationToken: cancellationToken))
            {
                var content = (await client.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
                yield return new StoredItem($"blob {container.Name}/{item.Name}", container.Name, content);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalPipelineCollection : ICollectionFixture<LocalPipelineFixture>
{
    public const string Name = "local pipeline";
}
