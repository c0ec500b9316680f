using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Bench;
using ServerlessIR.Local.Hosting;
using Xunit.Abstractions;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// One journal activity per step (docs/performance.md#one-journal-activity-per-step), on the real engine and Azurite: a new
/// incident writes each anchored step's evidence, anchor and record in one activity, and its stored record names the head
/// the ledger holds; an incident started at revision 0 (by an older build) keeps asking for the three activities it asked
/// for then, so its history replays. Activities are counted from the engine's History table, as the pipeline bench does.
/// </summary>
[Trait("Category", "Storage")]
public sealed class JournalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public Task Incident_NewRevision_JournalsEachAnchoredStepInOneActivityAndTheRecordNamesTheLedgersHead(PipelineHost host) =>
        RunAsync(host, revision: null, (scheduled, records, stored) =>
        {
            // Containment done, every checkpoint and the horizon are anchored, each in its journal.
            Assert.True(scheduled.GetValueOrDefault(nameof(JournalIncidentActivity)) >= 3, Describe(scheduled));
            Assert.Equal(0, scheduled.GetValueOrDefault(nameof(AnchorEvidenceActivity)));
            Assert.Equal((records.Count, records[^1].Hash), ((int)stored.EvidenceRecords, stored.EvidenceHead));
        });

    [Fact]
    public Task Incident_StartedAtRevisionZero_AsksForTheAnchorAndRecordActivitiesAsBefore() =>
        RunAsync(PipelineHost.Local, revision: 0, (scheduled, records, stored) =>
        {
            Assert.Equal(0, scheduled.GetValueOrDefault(nameof(JournalIncidentActivity)));
            Assert.True(scheduled.GetValueOrDefault(nameof(AnchorEvidenceActivity)) >= 3, Describe(scheduled));
            Assert.Equal((records.Count, records[^1].Hash), ((int)stored.EvidenceRecords, stored.EvidenceHead));
        });

    /// <param name="revision">Null: opened through the webhook as any new incident; else started directly at that revision.</param>
    private Task RunAsync(PipelineHost host, int? revision, Action<IReadOnlyDictionary<string, int>, IReadOnlyList<EvidenceRecord>, IncidentSummary> check) =>
        IncidentProbe.InStateFolderAsync("ir-journal-", async state =>
        {
            var storage = await TestAzurite.GetAsync();
            var taskHub = TestStorageAccount.NewTaskHub("journal");
            var runtime = new IncidentRuntime(TimeScale: 1_800, HorizonHours: 4, HumanWaitFloorSeconds: 1);
            await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
            {
                ApiPort = 0,
                AzuriteBlobPort = storage.BlobPort,
                StateFolder = state,
                StoragePrefix = TestStorageAccount.NewPrefix("journal"),
                DrillTrustedSources = ["/tests/"],
                TaskHub = taskHub,
                Host = host,
                TimeScale = runtime.TimeScale,
                HorizonHours = runtime.HorizonHours,
                HumanWaitFloorSeconds = runtime.HumanWaitFloorSeconds,
                // One generation, so the History table holds the whole incident.
                HistoryEventsPerGeneration = 0,
            });
            using var http = new HttpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
            string id;
            if (revision is { } old)
            {
                id = "inc-rev0-" + Guid.NewGuid().ToString("N")[..8];
                var now = DateTimeOffset.UtcNow;
                await pipeline.Client.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator),
                    new IncidentInput(id, now, TestSignals.Leak(id, now), runtime, Revision: old), new StartOrchestrationOptions(id), timeout.Token);
            }
            else
            {
                (id, _, _) = await IncidentProbe.OpenAsync(pipeline, http);
            }
            await IncidentProbe.WaitForEndAsync(pipeline, id, timeout.Token);

            var scheduled = (await HistoryShape.ReadAsync(new TableClient(pipeline.Azurite.ConnectionString, taskHub + "History"), id, timeout.Token)).ActivitiesByName;
            var records = await pipeline.Services.GetRequiredService<IEvidenceLedger>().ReadAsync(id, timeout.Token);
            var stored = await pipeline.Services.GetRequiredService<IIncidentStore>().GetAsync(id, timeout.Token);
            output.WriteLine($"{records.Count} evidence records; activities: {Describe(scheduled)}");

            Assert.NotNull(stored);
            check(scheduled, records, stored);
            var verification = await IncidentProbe.VerifyEvidenceAsync(pipeline, id);
            Assert.True(verification.Verified, verification.Problem);
        });

    private static string Describe(IReadOnlyDictionary<string, int> scheduled) =>
        string.Join(", ", scheduled.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
}
