using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ServerlessIR.Adapters.Ticketing;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Secrets;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Adapters.Tests.Ticketing;

/// <summary>
/// The ServiceNow adapter against the Table API's wire format (answers shaped as ServiceNow documents them: the
/// <c>{"result": ...}</c> envelope, <c>yyyy-MM-dd HH:mm:ss</c> UTC dates, the <c>{"error": {...}}</c> refusal).
/// </summary>
public sealed class ServiceNowTicketSystemTests
{
    private const string ClientSecret = "s3cret-value-never-logged";
    private static readonly TicketContent Content = new("inc-1", "[SEV1] AI data leak: BNPL (inc-1)", IncidentStatus.Containing, "SEV1",
        ["gdpr-art33: Pending (deadline 2026-12-03 10:00 UTC)"], ["2026-11-30 10:00 UTC signal.received: export"]);

    [Fact]
    public async Task OpenAsync_NoTicketCarriesTheIncident_SignsInLooksUpThenCreates()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, """{"access_token":"tok-1","scope":"useraccount","token_type":"Bearer","expires_in":1799}"""),
            (HttpStatusCode.OK, """{"result":[]}"""),
            (HttpStatusCode.Created, """{"result":{"sys_id":"a1b2","number":"SIR0010001","state":"18","correlation_id":"inc-1"}}"""));
        var opening = await System(handler).OpenAsync(Content);

        Assert.True(opening.Created);
        Assert.Equal(new TicketRef("SIR0010001", "a1b2"), opening.Ticket);
        var (token, lookup, create) = (handler.Requests[0], handler.Requests[1], handler.Requests[2]);
        Assert.Equal("https://example.service-now.com/oauth_token.do", token.Uri);
        Assert.Contains("grant_type=client_credentials", token.Body, StringComparison.Ordinal);
        Assert.Equal("GET", lookup.Method);
        Assert.StartsWith("https://example.service-now.com/api/now/table/sn_si_incident?sysparm_query=", lookup.Uri, StringComparison.Ordinal);
        Assert.Contains("correlation_id=inc-1^correlation_display=ServerlessIR", Uri.UnescapeDataString(lookup.Uri), StringComparison.Ordinal);
        Assert.Equal("Bearer tok-1", lookup.Authorization);
        Assert.Equal("POST", create.Method);
        var body = JsonNode.Parse(create.Body)!;
        Assert.Equal("inc-1", (string?)body["correlation_id"]);
        Assert.Equal("18", (string?)body["state"]);
        Assert.Equal("1", (string?)body["priority"]);
        Assert.Contains("gdpr-art33", (string?)body["description"], StringComparison.Ordinal);
        Assert.Contains("signal.received", (string?)body["work_notes"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_TicketAlreadyCarriesTheIncident_ReturnsItWithoutCreating()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, """{"access_token":"tok-1","expires_in":1799}"""),
            (HttpStatusCode.OK, """{"result":[{"sys_id":"a1b2","number":"SIR0010001","state":"18","correlation_id":"inc-1","sys_updated_on":"2026-11-30 10:00:00","close_notes":""}]}"""));
        var opening = await System(handler).OpenAsync(Content);

        Assert.False(opening.Created);
        Assert.Equal("a1b2", opening.Ticket.SysId);
        Assert.DoesNotContain(handler.Requests, r => r.Method == "POST" && r.Uri.Contains("/api/now/table/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_ClosedOverThere_PatchesNotesAndPriorityButNotState()
    {
        var handler = new ScriptedHandler((HttpStatusCode.OK, """{"result":{"sys_id":"a1b2","number":"SIR0010001","state":"3"}}"""));
        await System(handler, basic: true).UpdateAsync(new TicketRef("SIR0010001", "a1b2"), Content with { StateFollows = false });

        var patch = Assert.Single(handler.Requests);
        Assert.Equal("PATCH", patch.Method);
        Assert.Equal("https://example.service-now.com/api/now/table/sn_si_incident/a1b2", patch.Uri);
        Assert.StartsWith("Basic ", patch.Authorization, StringComparison.Ordinal);
        var body = JsonNode.Parse(patch.Body)!.AsObject();
        Assert.False(body.ContainsKey("state"));
        Assert.Equal("1", (string?)body["priority"]);
    }

    [Fact]
    public async Task ClosedSinceAsync_AnswerInUtc_KeepsClosesAtOrAfterSinceOldestFirst()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, """{"access_token":"tok-1","expires_in":1799}"""),
            (HttpStatusCode.OK, """
                {"result":[
                  {"sys_id":"b","number":"SIR0010002","state":"7","correlation_id":"inc-2","sys_updated_on":"2026-11-30 12:00:05","close_notes":"Duplicate"},
                  {"sys_id":"a","number":"SIR0010001","state":"3","correlation_id":"inc-1","sys_updated_on":"2026-11-30 12:00:01","close_notes":""},
                  {"sys_id":"old","number":"SIR0010000","state":"3","correlation_id":"inc-0","sys_updated_on":"2026-11-30 02:00:00","close_notes":""}]}
                """));
        var closed = await System(handler).ClosedSinceAsync(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(["inc-1", "inc-2"], closed.Select(c => c.IncidentId));
        Assert.All(closed, c => Assert.True(c.Closed));
        Assert.Equal("Duplicate", closed[1].CloseNotes);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 1, TimeSpan.Zero), closed[0].UpdatedAt);
        // Asked 14 hours early (the API user's time zone), filtered here in UTC.
        Assert.Contains("sys_updated_on>=2026-11-29 22:00:00", Uri.UnescapeDataString(handler.Requests[1].Uri), StringComparison.Ordinal);
        Assert.Contains("stateIN3,7", Uri.UnescapeDataString(handler.Requests[1].Uri), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatesFromThePlaybook_AreWrittenAndReadInsteadOfThePluginDefaults()
    {
        var states = new TicketStateValues { Contain = "118", Closed = "103", Cancelled = "107" };
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, """{"access_token":"tok-1","expires_in":1799}"""),
            (HttpStatusCode.OK, """{"result":[]}"""),
            (HttpStatusCode.Created, """{"result":{"sys_id":"a1b2","number":"SIR0010001","state":"118","correlation_id":"inc-1"}}"""),
            (HttpStatusCode.OK, """
                {"result":[
                  {"sys_id":"a","number":"SIR0010001","state":"103","correlation_id":"inc-1","sys_updated_on":"2026-11-30 12:00:01","close_notes":""},
                  {"sys_id":"c","number":"SIR0010003","state":"3","correlation_id":"inc-3","sys_updated_on":"2026-11-30 12:00:02","close_notes":""}]}
                """));
        var system = System(handler, states: states);

        await system.OpenAsync(Content);
        var closed = await system.ClosedSinceAsync(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal("118", (string?)JsonNode.Parse(handler.Requests[2].Body)!["state"]);
        Assert.Contains("stateIN103,107", Uri.UnescapeDataString(handler.Requests[3].Uri), StringComparison.Ordinal);
        // The plugin's own "3" is an ordinary state on this instance: the ticket is not read as closed.
        Assert.Equal([true, false], closed.Select(c => c.Closed));
    }

    [Fact]
    public async Task OpenAsync_ServiceNowRefuses_ThrowsWithStatusAndMessageButNoSecret()
    {
        var handler = new ScriptedHandler(
            (HttpStatusCode.OK, """{"access_token":"tok-1","expires_in":1799}"""),
            (HttpStatusCode.Forbidden, """{"error":{"message":"Operation Failed","detail":"ACL Exception Insert Failed due to security constraints"},"status":"failure"}"""));
        var refused = await Assert.ThrowsAsync<TicketSystemException>(() => System(handler).OpenAsync(Content));

        Assert.Equal(403, refused.Status);
        Assert.Contains("Operation Failed", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-1", refused.Message, StringComparison.Ordinal);
    }

    private static ServiceNowTicketSystem System(ScriptedHandler handler, bool basic = false, TicketStateValues? states = null)
    {
        var playbook = PlaybookLoader.LoadDefault() with { Ticketing = new TicketingSettings { BasicAuth = basic, States = states ?? new() } };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SERVICENOW_INSTANCE_URL"] = "https://example.service-now.com" })
            .Build();
        return new ServiceNowTicketSystem(new HttpClient(handler), configuration, new StaticPlaybookProvider(playbook), new Secrets(), TimeProvider.System);
    }

    private sealed class Secrets : ISecretStore
    {
        public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
            Task.FromResult(name == "servicenow-client-secret" ? ClientSecret : "client-1");
    }

    private sealed record SentRequest(string Method, string Uri, string? Authorization, string Body);

    /// <summary>Answers each request with the next scripted answer and keeps what was sent.</summary>
    private sealed class ScriptedHandler(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private int next;

        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SentRequest(request.Method.Method, request.RequestUri!.AbsoluteUri, request.Headers.Authorization?.ToString(), body));
            var (status, text) = answers[next++];
            return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        }
    }
}
