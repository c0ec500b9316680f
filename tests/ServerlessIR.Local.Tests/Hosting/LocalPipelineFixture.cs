using System.Collections.Concurrent;
using System.Diagnostics;
using ServerlessIR.Local.Drill;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// One local pipeline (own Azurite ports and state folder, scale 7200, 30-hour horizon) shared by the tests. The
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

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("IR_STATE", state);
        Pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            // Parallel work trees on one machine pick their own ports with IR_TEST_AZURITE_PORT.
            AzuriteBlobPort = int.TryParse(Environment.GetEnvironmentVariable("IR_TEST_AZURITE_PORT"), out var port) ? port : 10120,
            TaskHub = "tests" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture),
            // 30 incident hours in about 15 s: room for a person to answer a page before the clocks run out.
            TimeScale = 7_200,
            HorizonHours = 30,
            // Long enough for a test (or a headless browser on a busy machine) to answer the first approval tier.
            HumanWaitFloorSeconds = 60,
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
}

[CollectionDefinition(Name)]
public sealed class LocalPipelineCollection : ICollectionFixture<LocalPipelineFixture>
{
    public const string Name = "local pipeline";
}
