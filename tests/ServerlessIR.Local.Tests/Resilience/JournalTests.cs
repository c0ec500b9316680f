using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Bench;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Graph;
using Xunit.Abstractions;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// One journal activity per step (docs/performance.md#one-journal-activity-per-step), on the real engine and Azurite: a new
/// incident writes each anchored step's evidence, anchor and record in one activity, and its stored record names the head
/// the ledger holds; an incident started at revision 0 (by an older build) keeps asking for the three activities it asked
/// for then, so its history replays, and one started at revision 1 sends each e-mail with an activity of its own; from
/// revision 2 a checkpoint's e-mails go out with its journal, from revision 3 a containment wave is gated by one activity, and
/// from revision 5 the DPO's amendment (posted through the route in every run) is recorded by one journal after its
/// re-assessment, not by an append of its own. Activities are counted from the engine's History table, as the pipeline bench does.
/// </summary>
[Trait("Category", "Storage")]
public sealed class JournalTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public Task Incident_NewRevision_JournalsEachAnchoredStepInOneActivityAndTheRecordNamesTheLedgersHead(PipelineHost host) =>
        RunAsync(host, revision: null, (scheduled, records, stored, mails) =>
        {
            // Containment done, every checkpoint and the horizon are anchored, each in its journal.
            Assert.True(scheduled.GetValueOrDefault(nameof(JournalIncidentActivity)) >= 3, Describe(scheduled));
            Assert.Equal(0, scheduled.GetValueOrDefault(nameof(AnchorEvidenceActivity)));
            Assert.Equal((records.Count, records[^1].Hash), ((int)stored.EvidenceRecords, stored.EvidenceHead));
            // A checkpoint's e-mails and an alarm's status posts went out with the journal that ends it, and each one the
            // evidence says was sent reached the Graph stand-in.
            var emailed = EmailsRecorded(records);
            Assert.Contains(records, r => r.Kind == EvidenceKinds.CheckpointFired);
            Assert.True(scheduled.GetValueOrDefault(nameof(SendEmailActivity)) < emailed.Count, Describe(scheduled));
            Assert.All(emailed, subject => Assert.Contains(mails, m => m.Subject == subject));
            // From revision 3 a containment wave is gated by one activity, not one per step.
            Assert.Equal(0, scheduled.GetValueOrDefault(nameof(DecideStepGateActivity)));
            Assert.InRange(scheduled.GetValueOrDefault(nameof(DecideStepGatesActivity)), 1, stored.Containment.Count - 1);
        });

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public Task Incident_StartedAtAnOlderRevision_AsksForTheActivitiesItAskedForThen(int revision) =>
        RunAsync(PipelineHost.Local, revision, (scheduled, records, stored, mails) =>
        {
            if (revision == 0)
            {
                Assert.Equal(0, scheduled.GetValueOrDefault(nameof(JournalIncidentActivity)));
                Assert.True(scheduled.GetValueOrDefault(nameof(AnchorEvidenceActivity)) >= 3, Describe(scheduled));
            }
            else
            {
                Assert.True(scheduled.GetValueOrDefault(nameof(JournalIncidentActivity)) >= 3, Describe(scheduled));
                Assert.Equal(0, scheduled.GetValueOrDefault(nameof(AnchorEvidenceActivity)));
            }
            // Before revision 2 every e-mail is an activity of its own.
            var emailed = EmailsRecorded(records);
            Assert.NotEmpty(emailed);
            Assert.True(scheduled.GetValueOrDefault(nameof(SendEmailActivity)) >= emailed.Count, Describe(scheduled));
            Assert.All(emailed, subject => Assert.Contains(mails, m => m.Subject == subject));
            Assert.Equal((records.Count, records[^1].Hash), ((int)stored.EvidenceRecords, stored.EvidenceHead));
            Assert.Equal(0, scheduled.GetValueOrDefault(nameof(DecideStepGatesActivity)));
            Assert.True(scheduled.GetValueOrDefault(nameof(DecideStepGateActivity)) >= 2, Describe(scheduled));
        });

    /// <summary>The subjects of the e-mails the evidence says were sent (the summary ends with the subject).</summary>
    private static List<string> EmailsRecorded(IReadOnlyList<EvidenceRecord> records) =>
        [.. records.Where(r => r.Kind == EvidenceKinds.NotificationSent && r.Payload?["channel"]?.GetValue<string>() == "email")
            .Select(r => r.Summary[(r.Summary.IndexOf("): ", StringComparison.Ordinal) + 3)..])];

    /// <param name="revision">Null: opened through the webhook as any new incident; else started directly at that revision.</param>
    private Task RunAsync(PipelineHost host, int? revision,
        Action<IReadOnlyDictionary<string, int>, IReadOnlyList<EvidenceRecord>, IncidentSummary, IReadOnlyList<RecordedMessage>> check) =>
        IncidentProbe.InStateFolderAsync("ir-journal-", async state =>
        {
            var storage = await TestAzurite.GetAsync();
            var taskHub = TestStorageAccount.NewTaskHub("journal");
            // 26 incident hours, so the early checkpoints fire (NIS2's 6 h reminder among them) and send their e-mails.
            var runtime = new IncidentRuntime(TimeScale: 7_200, HorizonHours: 26, HumanWaitFloorSeconds: 1);
            await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
            {
                ApiPort = 0,
                AzuriteBlobPort = storage.BlobPort,
                StateFolder = state,
                StoragePrefix = TestStorageAccount.NewPrefix("journal"),
                DrillTrustedSources = ["/tests/"],
                // The DPO amends the facts through the route, as a person does.
                SimulatedPeople = true,
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
                id = $"inc-rev{old}-" + Guid.NewGuid().ToString("N")[..8];
                var now = DateTimeOffset.UtcNow;
                await pipeline.Client.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator),
                    new IncidentInput(id, now, TestSignals.Leak(id, now), runtime, Revision: old), new StartOrchestrationOptions(id), timeout.Token);
            }
            else
            {
                (id, _, _) = await IncidentProbe.OpenAsync(pipeline, http);
            }
            using (var amend = new HttpRequestMessage(HttpMethod.Post, new Uri(pipeline.ApiUrl, $"/api/incidents/{id}/facts"))
            {
                Content = new StringContent(JsonSerializer.Serialize(new { note = AmendmentNote, subjectCount = 40_000 }), System.Text.Encoding.UTF8, "application/json"),
            })
            {
                amend.Headers.Add(LocalApproverIdentityResolver.HeaderName, "dpo@northwind.example");
                using var accepted = await http.SendAsync(amend, timeout.Token);
                Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
            }
            var final = await IncidentProbe.WaitForEndAsync(pipeline, id, timeout.Token);

            var history = new TableClient(pipeline.Azurite.ConnectionString, taskHub + "History");
            var scheduled = (await HistoryShape.ReadAsync(history, id, timeout.Token)).ActivitiesByName;
            await AssertAmendmentJournaledAsync(history, id, revision ?? IncidentInput.CurrentRevision, timeout.Token);
            var records = await pipeline.Services.GetRequiredService<IEvidenceLedger>().ReadAsync(id, timeout.Token);
            var stored = await pipeline.Services.GetRequiredService<IIncidentStore>().GetAsync(id, timeout.Token);
            output.WriteLine($"{records.Count} evidence records; activities: {Describe(scheduled)}");
            output.WriteLine("evidence: " + Describe(records.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count())));

            Assert.NotNull(stored);
            // Whether written whole or (revision 4 on) as changes of the last one written, the stored record is the one the
            // incident ended with.
            Assert.Equal(Json(IncidentRecord.Fit(final with { RecordVersion = stored.RecordVersion })), Json(stored));
            check(scheduled, records, stored, pipeline.Graph!.Messages.Where(m => m.Kind == "mail").ToList());
            var verification = await IncidentProbe.VerifyEvidenceAsync(pipeline, id);
            Assert.True(verification.Verified, verification.Problem);
        });

    private const string AmendmentNote = "The DPO found more customers in the export";

    /// <summary>
    /// Where the amendment's evidence went: from revision 5 into one journal with the re-assessment's evidence and the record,
    /// after the re-assessment, and never into an append of its own; before, an append of its own (the re-assessment's
    /// evidence and the record followed, one activity each).
    /// </summary>
    private static async Task AssertAmendmentJournaledAsync(TableClient history, string id, int revision, CancellationToken cancellationToken)
    {
        var scheduled = new List<(string Name, string Input)>();
        await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == id, cancellationToken: cancellationToken))
        {
            if (row.GetString("EventType") == "TaskScheduled")
            {
                scheduled.Add((row.GetString("Name") ?? "", row.GetString("Input") ?? ""));
            }
        }
        // In the order scheduled (one generation: the rows' keys follow the history's order). The re-assessment's input names
        // every amendment so far; the first bookkeeping activity after it that carries the amendment is the one that
        // recorded it.
        var carrying = scheduled.Where(s => s.Input.Contains(AmendmentNote, StringComparison.Ordinal)).ToList();
        var names = string.Join(", ", carrying.Select(c => c.Name));
        var recorded = carrying.FirstOrDefault(c => c.Name != nameof(PlanIncidentActivity));
        Assert.True(recorded.Name is not null, names);
        if (revision >= 5)
        {
            Assert.Equal(nameof(PlanIncidentActivity), carrying[0].Name);
            Assert.Equal(nameof(JournalIncidentActivity), recorded.Name);
            Assert.Contains(EvidenceKinds.AssessmentRevised, recorded.Input, StringComparison.Ordinal);
            Assert.DoesNotContain(carrying, c => c.Name == nameof(AppendEvidenceActivity));
        }
        else
        {
            Assert.True(recorded.Name == nameof(AppendEvidenceActivity), names);
        }
    }

    private static string Json(IncidentSummary record) => JsonSerializer.Serialize(record, JsonSerializerOptions.Web);

    private static string Describe(IReadOnlyDictionary<string, int> scheduled) =>
        string.Join(", ", scheduled.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
}
