using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models.ODataErrors;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Notifications;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Secrets;
using ServerlessIR.StandIns.Graph;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.Adapters.Tests.Notifications;

public sealed class GraphStandInRoundTripTests : IClassFixture<GraphStandInFixture>
{
    private readonly GraphStandInFixture fx;

    public GraphStandInRoundTripTests(GraphStandInFixture fixture) => fx = fixture;

    private sealed class WebhookSecret(string url) : ISecretStore
    {
        public Task<string> GetSecretAsync(string name, CancellationToken ct = default) => Task.FromResult(url);
    }

    private IReadOnlyList<RecordedMessage> Recorded(string kind, string marker) =>
        fx.State.Messages.Where(m => m.Kind == kind && (m.Subject?.Contains(marker, StringComparison.Ordinal) ?? false)).ToList();

    [Fact]
    public async Task SendAsync_RealGraphClient_StandInRecordsMessage()
    {
        var sender = new GraphMailSender(fx.Graph);
        await sender.SendAsync(new EmailMessage(GraphStandInFixture.Sender, [GraphStandInFixture.Approver],
            "Approval needed [send-1]", "<p>Decide <a href=\"https://x/api/approvals/t\">here</a></p>", "inc-1/send-1", "approval-request-email"));

        var message = Assert.Single(Recorded("mail", "[send-1]"));
        Assert.Equal(GraphStandInFixture.Sender, message.From);
        Assert.Equal([GraphStandInFixture.Approver], message.To);
        Assert.Contains("api/approvals/t", message.Body, StringComparison.Ordinal);
        Assert.Contains(GraphMailSender.IdempotencyHeader, message.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UnknownSender_SurfacesODataError404()
    {
        var sender = new GraphMailSender(fx.Graph);
        var ex = await Assert.ThrowsAsync<ODataError>(() => sender.SendAsync(new EmailMessage(
            "nobody@northwind.example", [GraphStandInFixture.Approver], "x", "<p>x</p>", "k-unknown", "t")));
        Assert.Equal(404, ex.ResponseStatusCode);
        Assert.Equal("ErrorInvalidUser", ex.Error?.Code);
    }

    [Fact]
    public async Task SendAsync_ThroughLedger_SecondSendWithSameKeyNotSent()
    {
        var sender = new LedgeredMailSender(new GraphMailSender(fx.Graph), new InMemoryNotificationLedger(), TimeProvider.System);
        var message = new EmailMessage(GraphStandInFixture.Sender, [GraphStandInFixture.Approver], "Once only [ledger-1]", "<p>x</p>", "inc-1/ledger-1", "t");
        await sender.SendAsync(message);
        await sender.SendAsync(message);
        Assert.Single(Recorded("mail", "[ledger-1]"));
    }

    [Fact]
    public async Task NotifyAsync_ActivityFeed_StandInRecordsNotification()
    {
        var notifier = new GraphActivityFeedNotifier(fx.Graph);
        await notifier.NotifyAsync(new ActivityFeedNotification(GraphStandInFixture.Approver, "Approval needed [feed-1]",
            "Freeze user in inc-1", "https://teams.microsoft.com/l/entity/x", "inc-1/feed-1"));
        var recorded = Assert.Single(Recorded("activity", "[feed-1]"));
        Assert.Equal([GraphStandInFixture.Approver], recorded.To);
        Assert.Equal("Freeze user in inc-1", recorded.Body);
    }

    [Fact]
    public async Task GetMemberUpnsAsync_ConfiguredGroup_ReturnsUserPrincipalNames()
    {
        var upns = await new GraphGroupResolver(fx.Graph).GetMemberUpnsAsync(GraphStandInFixture.GroupId);
        Assert.Equal([GraphStandInFixture.Approver, "deputy@northwind.example"], upns);
    }

    [Fact]
    public async Task GetMemberUpnsAsync_UnknownGroup_SurfacesODataError404()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() => new GraphGroupResolver(fx.Graph).GetMemberUpnsAsync("no-such-group"));
        Assert.Equal(404, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task PostCardAsync_WorkflowsWebhook_StandInRecordsCard()
    {
        var card = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "adaptive-card-approval.json"));
        var transport = new TeamsWorkflowsWebhookTransport(fx.Http, new WebhookSecret(new Uri(fx.BaseAddress, "/workflows/incident-channel").ToString()), new TeamsWebhookOptions());
        await transport.PostCardAsync(new TeamsCardMessage(card, "inc-1/card-1", "approval-request-card"));

        var recorded = fx.State.Messages.Last(m => m.Kind == "teams-webhook");
        Assert.Equal(["incident-channel"], recorded.To);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(card), JsonNode.Parse(recorded.CardJson!)));
        var envelope = JsonNode.Parse(recorded.RawBody)!;
        Assert.Equal("message", envelope["type"]!.GetValue<string>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", envelope["attachments"]![0]!["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostCardAsync_WebhookFails_ExceptionDoesNotRevealUrl()
    {
        var secretUrl = new Uri(fx.BaseAddress, "/not-a-workflow/x?sig=SECRET-SIGNATURE").ToString();
        var transport = new TeamsWorkflowsWebhookTransport(fx.Http, new WebhookSecret(secretUrl), new TeamsWebhookOptions());
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() =>
            transport.PostCardAsync(new TeamsCardMessage("{\"type\":\"AdaptiveCard\",\"version\":\"1.5\"}", "k", "t")));
        Assert.DoesNotContain("SECRET-SIGNATURE", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMailSample_PostedAsVendorShape_RoundTripsThroughStandIn()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "graph-sendMail-request.json"));
        using var content = new StringContent(sample, Encoding.UTF8, "application/json");
        using var response = await fx.Http.PostAsync(new Uri(fx.BaseAddress, $"/v1.0/users/{GraphStandInFixture.Sender}/sendMail"), content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var recorded = fx.State.Messages.Last(m => m.Kind == "mail" && m.RawBody == sample);
        Assert.Equal("Approval needed: Freeze Salesforce user fraud-integration", recorded.Subject);
        Assert.Equal([GraphStandInFixture.Approver], recorded.To);
        Assert.Equal("<p>Incident inc-20261127-0001 needs your decision.</p>", recorded.Body);
    }

    [Fact]
    public void BuildEnvelope_AdaptiveCardSample_WrapsCardUnchanged()
    {
        var card = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "adaptive-card-approval.json"));
        var envelope = JsonNode.Parse(TeamsWorkflowsWebhookTransport.BuildEnvelope(card))!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(card), envelope["attachments"]![0]!["content"]));
        Assert.Equal("1.5", envelope["attachments"]![0]!["content"]!["version"]!.GetValue<string>());
    }
}
