using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Approvals;
using ServerlessIR.Local.Tests.Hosting;
using ServerlessIR.TestSupport.Storage;

namespace ServerlessIR.Local.Tests.Notifications;

/// <summary>
/// Status updates on Azurite with the Graph stand-in (mail and the Teams Workflows webhook), in both hosts, at a time scale:
/// the SEV1 incident posts its status on the default playbook's cadence (every 2 incident hours), the executives get the
/// brief at an <c>escalate-executive</c> checkpoint, and the channel gets a follow-up card once the security lead decides.
/// </summary>
[Trait("Category", "Storage")]
public sealed class StatusUpdatesPipelineTests
{
    private const double HorizonHours = 74;

    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task Incident_AtTimeScale_PostsOnCadenceBriefsExecutivesAndFollowsUpDecision(PipelineHost host)
    {
        var state = Path.Combine(Path.GetTempPath(), "ir-status-" + Guid.NewGuid().ToString("N")[..8]);
        var storage = await TestAzurite.GetAsync();
        await using var pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            DrillTrustedSources = ["/tests/"],
            // The security lead answers the card below as a drill's people do, naming themselves in the local identity header.
            SimulatedPeople = true,
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StoragePrefix = TestStorageAccount.NewPrefix("st"),
            TaskHub = TestStorageAccount.NewTaskHub("status"),
            StateFolder = state,
            Host = host,
            TimeScale = 3_600,
            HorizonHours = HorizonHours,
            // Long enough for the page's answer below; the other tiers' silence ends at it and the playbook's default applies.
            HumanWaitFloorSeconds = 15,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(420));
        using var http = new HttpClient();
        var incidentId = await ApprovalLinks.OpenIncidentAsync(pipeline, "status update test", timeout.Token);

        var link = await ApprovalLinks.WaitForCardLinkAsync(pipeline, incidentId, "security-lead", timeout.Token);
        using (var approve = await http.SendAsync(ApprovalLinks.Post(link, "security-lead@northwind.example", new() { ["decision"] = "approve" }), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }
        var done = await pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        var records = await pipeline.Services.GetRequiredService<IEvidenceLedger>().ReadAsync(incidentId, timeout.Token);
        var messages = pipeline.Graph!.Messages;

        // The cadence: posts fall on the grid of 2-hour ticks from the opening, give or take the engine's real seconds of
        // work, one per tick; a tick that came due while the incident was busy collapses into the next post (by design),
        // which a loaded two-core machine does now and then even at 1 real second per tick.
        var every = PlaybookLoader.LoadDefault().StatusUpdates.MinutesFor("SEV1")!.Value;
        var posts = records.Where(r => r.Kind == EvidenceKinds.StatusPosted).ToList();
        var lastMoment = records[^1].IncidentTime;
        var expected = (int)((lastMoment - summary.OpenedAt).TotalMinutes / every);
        Assert.InRange(posts.Count, expected * 3 / 4, expected);
        var previousTick = 0;
        for (var i = 0; i < posts.Count; i++)
        {
            Assert.Equal(i + 1, posts[i].Payload?["sequence"]?.GetValue<int>());
            var since = posts[i].IncidentTime - summary.OpenedAt;
            var tick = (int)(since.TotalMinutes / every);
            var late = since - TimeSpan.FromMinutes(every * tick);
            Assert.True(tick > previousTick, $"post {i + 1} at {since} stands for tick {tick}, not after tick {previousTick}");
            Assert.True(late < TimeSpan.FromMinutes(15), $"post {i + 1} {late} after its tick");
            previousTick = tick;
        }
        var statusCards = messages.Count(m => m.Kind == "teams-webhook" && m.CardJson!.Contains(incidentId, StringComparison.Ordinal)
            && m.CardJson.Contains("] Status ", StringComparison.Ordinal));
        Assert.Equal(posts.Count, statusCards);
        Assert.Contains(messages, m => m.Kind == "mail" && m.Subject!.Contains("] Status 1:", StringComparison.Ordinal)
            && m.To.Contains("credit-owner@northwind.example"));

        // The brief at an escalate-executive checkpoint, with the fines and the fallback.
        var brief = records.First(r => r.Kind == EvidenceKinds.ExecutiveBriefSent);
        var before = records.TakeWhile(r => r.Sequence < brief.Sequence).Last(r => r.Kind == EvidenceKinds.CheckpointFired);
        Assert.Equal("escalate-executive", before.Payload?["ladderAction"]?.GetValue<string>());
        Assert.Contains("GDPR up to EUR 20,000,000", brief.Summary, StringComparison.Ordinal);
        Assert.Contains(messages, m => m.Kind == "mail" && m.Subject!.StartsWith("Executive brief", StringComparison.Ordinal)
            && m.To.Contains("ciso@northwind.example") && m.Body!.Contains("Maximum fine exposure", StringComparison.Ordinal));

        // The follow-up card: who decided what, and when.
        var followUp = Assert.Single(records, r => r.Kind == EvidenceKinds.ApprovalFollowUpPosted && r.Payload?["tier"]?.GetValue<string>() == "security-lead");
        Assert.Equal("Approved", followUp.Payload?["decision"]?.GetValue<string>());
        Assert.Contains(messages, m => m.Kind == "teams-webhook" && m.CardJson!.Contains("Approved: salesforce.freeze-user", StringComparison.Ordinal)
            && m.CardJson.Contains("security-lead@northwind.example", StringComparison.Ordinal) && m.CardJson.Contains(incidentId, StringComparison.Ordinal));
        Assert.NotEqual(IncidentStatus.Failed, summary.Status);
    }
}
