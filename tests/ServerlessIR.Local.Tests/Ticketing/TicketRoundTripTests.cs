using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Ticketing;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;
using ServerlessIR.TestSupport.Storage;

namespace ServerlessIR.Local.Tests.Ticketing;

/// <summary>
/// The ticket round trip on Azurite through the real ServiceNow adapter and the ServiceNow stand-in, in both hosts: an
/// incident opens one ticket (a retried open still finds that one), the ticket's state follows the incident, and the ticket
/// closed on the ServiceNow side makes the incident ask for its post-incident review (evidence and a notice) without closing it.
/// </summary>
[Trait("Category", "Storage")]
public sealed class TicketRoundTripTests
{
    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task Incident_WithServiceNowPlaybook_OpensOneTicketFollowsStatusAndAsksForReviewWhenClosedThere(PipelineHost host)
    {
        var state = Path.Combine(Path.GetTempPath(), "ir-ticket-" + Guid.NewGuid().ToString("N")[..8]);
        var storage = await TestAzurite.GetAsync();
        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            PlaybookPath = await WritePlaybookAsync(state),
            DrillTrustedSources = ["/tests/"],
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StoragePrefix = TestStorageAccount.NewPrefix("tk"),
            TaskHub = TestStorageAccount.NewTaskHub("ticket"),
            StateFolder = state,
            Host = host,
            TimeScale = 7_200,
            HorizonHours = 30,
            // Nobody answers approvals here: their waits end at the floor and the playbook's default applies.
            HumanWaitFloorSeconds = 2,
            // The incident stays running after its clocks, as in Azure, so a close over there still reaches it.
            AwaitClosure = true,
        });
        var serviceNow = pipeline.ServiceNow!;
        var incidentId = await TestAlerts.PostBnplLeakAsync(pipeline, "ticket");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));

        await WaitForAsync(pipeline, incidentId, r => Kinds(r).Contains("ticket.opened"), timeout.Token);
        var record = await WaitForAsync(pipeline, incidentId, r => Kinds(r).Contains("incident.review-due"), timeout.Token);
        var ticket = Assert.Single(serviceNow.Tickets, t => (string?)t["correlation_id"] == incidentId);
        Assert.Equal(1, serviceNow.Created);
        var sysId = (string)ticket["sys_id"]!;
        // Contained: Recover. The work notes carried the timeline as it went.
        Assert.Equal("20", (string?)ticket["state"]);
        Assert.Equal("ServerlessIR", (string?)ticket["correlation_display"]);
        Assert.Contains(serviceNow.WorkNotes(sysId), n => n.Contains("Contained", StringComparison.Ordinal));
        Assert.Contains(serviceNow.WorkNotes(sysId), n => n.Contains("Containing", StringComparison.Ordinal));

        // A retried open (an attempt whose answer was lost) finds the same ticket through the real adapter.
        var retried = await ActivatorUtilities.CreateInstance<SyncTicketActivity>(pipeline.Services).RunAsync(null!,
            new TicketSyncRequest(new TicketContent(incidentId, "retry", IncidentStatus.Contained, "SEV1", [], []), Known: null));
        Assert.False(retried.Created);
        Assert.Equal(sysId, retried.Ticket.SysId);
        Assert.Equal(1, serviceNow.Created);

        serviceNow.CloseOnServiceNowSide(sysId, "Handled in the SOC");
        record = await WaitForAsync(pipeline, incidentId, r => Kinds(r).Contains("incident.review-requested"), timeout.Token);
        Assert.Contains("ticket.closed-remotely", Kinds(record));
        Assert.Contains(record.Timeline, t => t.Kind == "notification.sent" && t.Summary.Contains("review-requested", StringComparison.Ordinal));
        // It asks; it does not close: only a person's close with the review ends the incident.
        Assert.Equal(IncidentStatus.Contained, record.Status);
        Assert.Equal("3", (string?)Assert.Single(serviceNow.Tickets, t => (string?)t["sys_id"] == sysId)["state"]);
        Assert.False((await pipeline.Client.GetInstanceAsync(incidentId, timeout.Token))!.IsCompleted);
        await pipeline.Client.TerminateInstanceAsync(incidentId, timeout.Token);
    }

    private static async Task<string> WritePlaybookAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "playbook-ticketing.yaml");
        await File.WriteAllTextAsync(path, PlaybookLoader.DefaultYaml + "\nticketing:\n  system: servicenow\n");
        return path;
    }

    private static IReadOnlyList<string> Kinds(IncidentSummary record) => [.. record.Timeline.Select(t => t.Kind)];

    /// <summary>The incident record as the store has it (the API's GET reads the same), once <paramref name="done"/> holds.</summary>
    private static async Task<IncidentSummary> WaitForAsync(LocalPipeline pipeline, string incidentId, Func<IncidentSummary, bool> done, CancellationToken cancellationToken)
    {
        var store = pipeline.Services.GetRequiredService<IIncidentStore>();
        while (true)
        {
            if (await store.GetAsync(incidentId, cancellationToken) is { } record && done(record))
            {
                return record;
            }
            await Task.Delay(200, cancellationToken);
        }
    }
}
