using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;
using Xunit.Abstractions;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// Two hundred alerts with 2,000-character summaries join one incident through the real webhook. The incident takes every
/// one (those that widen nothing in batches, each named in its batch's evidence), runs to its clocks, its evidence verifies and its record stays under the Table limits. Its own pipeline with a
/// longer incident life than the shared fixture's, so that every alert arrives while the incident still runs.
/// </summary>
[Trait("Category", "Storage")]
public sealed class JoinStormTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Joins = 200;
    private const int Batch = 50;
    private readonly string state = Path.Combine(Path.GetTempPath(), "ir-storm-" + Guid.NewGuid().ToString("N"));
    private LocalPipeline pipeline = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(state);
        var storage = await TestAzurite.GetAsync();
        pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StateFolder = state,
            StoragePrefix = TestStorageAccount.NewPrefix("storm"),
            // The test's alerts stand in for the trusted relay: this test is not about the step gate.
            DrillTrustedSources = ["/tests/"],
            TaskHub = TestStorageAccount.NewTaskHub("storm"),
            // 30 incident hours in 60 real seconds: room for 200 joins to arrive while the incident runs, even on a busy machine.
            TimeScale = 1_800,
            HorizonHours = 30,
            // Nobody answers approvals here; the playbook's default applies after each tier's short wait.
            HumanWaitFloorSeconds = 1,
        });
    }

    public async Task DisposeAsync()
    {
        await pipeline.DisposeAsync();
        try { Directory.Delete(state, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Ingest_TwoHundredJoinsWithTwoThousandCharacterSummaries_IncidentTakesAllAndRunsToItsClocks()
    {
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(720));
        var (id, org, user) = await IncidentProbe.OpenAsync(pipeline, http);

        var posting = Stopwatch.StartNew();
        for (var sent = 0; sent < Joins; sent += Batch)
        {
            // Exactly 2,000 characters each: the longest summary the alert schema accepts.
            var events = Enumerable.Range(sent, Batch).Select(i => IncidentProbe.Alert(org, user, $"alert {i}: ".PadRight(2_000, 's'))).ToList();
            using var body = new StringContent(JsonSerializer.Serialize(events), Encoding.UTF8, "application/cloudevents-batch+json");
            using var response = await http.PostAsync(pipeline.EventsUrl, body, timeout.Token);
            var delivery = await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
            Assert.True(response.IsSuccessStatusCode, delivery?.ToJsonString());
            Assert.True((int?)delivery!["joined"] == Batch, delivery.ToJsonString());
        }
        output.WriteLine($"{Joins} alerts posted in {posting.Elapsed.TotalSeconds:0.0} s");

        var summary = await IncidentProbe.WaitForEndAsync(pipeline, id, timeout.Token);

        Assert.Equal(Joins + 1, summary.Signals);
        Assert.Equal(Joins + 1, summary.SignalIds.Distinct(StringComparer.Ordinal).Count());
        // A join that widens nothing is recorded in a batch (one record naming each signal), the others one record each.
        var records = await pipeline.Services.GetRequiredService<IEvidenceLedger>().ReadAsync(id, timeout.Token);
        var named = records.Where(r => r.Kind == EvidenceKinds.SignalJoined).Select(r => (string?)r.Payload?["signalId"])
            .Concat(records.Where(r => r.Kind == EvidenceKinds.SignalsJoined).SelectMany(r => r.Payload!["signals"]!.AsArray().Select(s => (string?)s!["signalId"])))
            .ToList();
        Assert.Equal(Joins, named.Count);
        Assert.Equal(summary.SignalIds.Skip(1).Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        Assert.All(summary.Timeline, t => Assert.True(t.Summary.Length <= IncidentState.MaxTimelineSummaryChars));
        var lastJoin = summary.Timeline.Last(t => t.Kind is EvidenceKinds.SignalJoined or EvidenceKinds.SignalsJoined).At;
        Assert.NotEmpty(IncidentProbe.FiredAfter(summary, lastJoin));
        Assert.Contains(summary.Timeline, t => t.Kind == EvidenceKinds.IncidentHorizonReached);
        Assert.Equal(0, summary.BookkeepingFailureCount);
        var verification = await IncidentProbe.VerifyEvidenceAsync(pipeline, id);
        Assert.True(verification.Verified, verification.Problem);
        var stored = await IncidentProbe.StoredRecordCharsAsync(pipeline, id);
        output.WriteLine($"{verification.Records} evidence records; output {IncidentRecord.Measure(summary)} chars; stored record {stored} chars " +
            $"(a Table string property holds 32K characters); took {posting.Elapsed.TotalSeconds:0.0} s");
        Assert.True(stored <= IncidentRecord.MaxChars, $"stored record is {stored} characters");
    }
}
