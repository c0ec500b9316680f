using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// A signal joins an incident at the moment it completes: ingestion decided to join while the instance still ran, and
/// the raised event reached a completed instance, which discards it. No signal may be lost for that.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class LostJoinTests(LocalPipelineFixture fixture)
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task Ingest_JoinDecidedJustBeforeTheIncidentCompleted_OpensFollowOnNamingIt()
    {
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var (ended, org, user) = await IncidentProbe.OpenAsync(Pipeline, http);
        await IncidentProbe.WaitForEndAsync(Pipeline, ended, timeout.Token);
        var alert = JsonSerializer.SerializeToElement(IncidentProbe.Alert(org, user, "arrived as the incident ended"));
        var incoming = new IncomingEvent(alert.GetProperty("id").GetString()!, "/tests/resilience", alert.GetProperty("type").GetString()!,
            DateTimeOffset.UtcNow, alert.GetProperty("data"), alert.GetRawText());
        var ingestion = Pipeline.Services.GetRequiredService<IngestionService>();

        // The first read says running (the join decision); the event then reaches the completed instance.
        var outcome = await ingestion.IngestAsync(incoming, new StaleStatusClient(Pipeline.Client, ended), timeout.Token);

        Assert.Equal(IngestOutcome.Opened, outcome.Outcome);
        Assert.NotEqual(ended, outcome.IncidentId);
        Assert.Contains(ended, outcome.Reason, StringComparison.Ordinal);
        var followOn = await IncidentProbe.WaitForEndAsync(Pipeline, outcome.IncidentId!, timeout.Token);
        Assert.Equal(ended, followOn.LinkedIncidentId);
        var ledger = Pipeline.Services.GetRequiredService<IEvidenceLedger>();
        var records = await ledger.ReadAsync(outcome.IncidentId!, timeout.Token);
        Assert.Equal(EvidenceKinds.SignalReceived, records[0].Kind);
        Assert.Equal("arrived as the incident ended", records[0].Summary);
        Assert.Contains(records, r => r.Kind == EvidenceKinds.IncidentLinked && r.Summary.Contains(ended, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_JoinRunningIncident_JoinedAndTaken()
    {
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var (id, org, user) = await IncidentProbe.OpenAsync(Pipeline, http);
        await IncidentProbe.WaitUntilContainedAsync(Pipeline, http, id, timeout.Token);

        using var body = new StringContent(JsonSerializer.Serialize(IncidentProbe.Alert(org, user, "a second alert")), Encoding.UTF8, "application/cloudevents+json");
        using var response = await http.PostAsync(Pipeline.EventsUrl, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var summary = await IncidentProbe.WaitForEndAsync(Pipeline, id, timeout.Token);
        Assert.Equal(2, summary.Signals);
        Assert.Equal(2, summary.SignalIds.Count);
    }
}
