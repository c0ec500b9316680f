using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary><c>POST /api/incidents/{id}/facts</c> and <c>/false-positive</c> through the real local host.</summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class IncidentActionsTests(LocalPipelineFixture fixture)
{
    private const string Caller = "X-ServerlessIR-Local-Approver";

    private LocalPipeline Pipeline => fixture.Pipeline;

    /// <summary>Opens an incident of its own (a unique org and principal, so no other test's incident is joined) and waits until its clocks run.</summary>
    private async Task<string> OpenAsync(HttpClient http)
    {
        var incidentId = await PostAlertAsync(http, ["contact", "financial"], 5000, "facts test leak");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            // 404 until the orchestration has written the incident record for the first time.
            using var read = await http.GetAsync(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"), timeout.Token);
            var incident = read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<JsonObject>(timeout.Token) : null;
            var kinds = incident?["timeline"]?.AsArray().Select(t => (string?)t!["kind"]).ToList() ?? [];
            if (kinds.Contains("incident.contained") || kinds.Contains("incident.containment-incomplete"))
            {
                return incidentId;
            }
            await Task.Delay(25, timeout.Token);
        }
    }

    /// <summary>Posts an alert of its own (a unique org and principal, so no other test's incident is joined); returns the incident the webhook named.</summary>
    private async Task<string> PostAlertAsync(HttpClient http, string[] dataCategories, int subjects, string summary)
    {
        var id = "act-" + Guid.NewGuid().ToString("N");
        using var body = new StringContent(JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = "ServerlessIR.AiDataLeak.Detected",
            source = "/tests/actions",
            id,
            data = new
            {
                detectedAt = DateTimeOffset.UtcNow,
                orgId = "org-" + id,
                principal = new { type = "user", id = "005" + id[..12] },
                dataCategories,
                jurisdictions = new[] { "DE" },
                estimatedSubjects = subjects,
                summary,
            },
        }), Encoding.UTF8, "application/cloudevents+json");
        using var response = await http.PostAsync(Pipeline.EventsUrl, body);
        var delivery = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (string)delivery!["incidents"]![0]!;
    }

    private static HttpRequestMessage Post(Uri url, object body, string? caller)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (caller is not null)
        {
            request.Headers.Add(Caller, caller);
        }
        return request;
    }

    private Uri Facts(string id) => new(Pipeline.ApiUrl, $"/api/incidents/{id}/facts");

    [Fact]
    public async Task PostFacts_BadRequests_RefusedWithProblemNamingWhatIsWrong()
    {
        using var http = new HttpClient();
        var url = Facts("inc-does-not-matter");

        using var anonymous = await http.SendAsync(Post(url, new { subjectCount = 10 }, caller: null));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var stranger = await http.SendAsync(Post(url, new { subjectCount = 10 }, "mallory@evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);

        using var typo = await http.SendAsync(Post(url, new { subjectCnt = 10 }, "dpo@northwind.example"));
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("application/problem+json", typo.Content.Headers.ContentType?.MediaType);
        Assert.Contains("subjectCnt", await typo.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var country = await http.SendAsync(Post(url, new { jurisdictions = new[] { "DE", "Germany" } }, "dpo@northwind.example"));
        Assert.Equal(HttpStatusCode.BadRequest, country.StatusCode);
        Assert.Contains("jurisdictions[1]", await country.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var notJson = await http.SendAsync(Post(url, "{not json", "dpo@northwind.example"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        using var unknown = await http.SendAsync(Post(url, new { subjectCount = 10 }, "dpo@northwind.example"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task PostFacts_RunningIncident_ReassessesAndRecordsWhoAmended()
    {
        using var http = new HttpClient();
        var id = await OpenAsync(http);

        using var response = await http.SendAsync(Post(Facts(id), new
        {
            note = "Customer service found UK customers in the export",
            jurisdictions = new[] { "GB" },
            subjectCount = 20000,
        }, "dpo@northwind.example"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        Assert.True(summary.Obligations.Any(o => o.Regime == "uk-gdpr-art33"),
            string.Join("\n", summary.Timeline.Select(t => $"{t.At:HH:mm:ss} {t.Kind} {t.Summary}")));
        Assert.Contains(summary.Timeline, t => t.Kind == "facts.amended" && t.Summary == "Customer service found UK customers in the export");
        Assert.Contains(summary.Timeline, t => t.Kind == "assessment.revised");

        // An ended incident's record does not change any more.
        using var late = await http.SendAsync(Post(Facts(id), new { subjectCount = 1 }, "dpo@northwind.example"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task PostFacts_RightAfterTheWebhookAnswered_AcceptedAndRecordedNotRefusedAsUnknown()
    {
        // The webhook's answer names the incident before the orchestration has written its first record; a SOAR that
        // amends at once must not be told the incident does not exist.
        using var http = new HttpClient();
        var incidentId = await PostAlertAsync(http, ["contact"], 300, "amended before its first record");

        using var response = await http.SendAsync(Post(Facts(incidentId), new { note = "Amended at once by the SOAR", subjectCount = 40000 }, "dpo@northwind.example"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            using var read = await http.GetAsync(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"), timeout.Token);
            var incident = read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<JsonObject>(timeout.Token) : null;
            if (incident?["timeline"]?.AsArray().Any(t => (string?)t!["kind"] == "facts.amended"
                && ((string?)t["summary"])?.Contains("Amended at once by the SOAR", StringComparison.Ordinal) == true) == true)
            {
                break;
            }
            await Task.Delay(100, timeout.Token);
        }

        // An ID the engine has never scheduled as an incident is still unknown.
        using var unknown = await http.SendAsync(Post(Facts("act-" + Guid.NewGuid().ToString("N")), new { subjectCount = 1 }, "dpo@northwind.example"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task PostFalsePositive_RunningIncident_ClosesAsFalsePositiveWithReason()
    {
        using var http = new HttpClient();
        var id = await OpenAsync(http);
        var url = new Uri(Pipeline.ApiUrl, $"/api/incidents/{id}/false-positive");

        using var noReason = await http.SendAsync(Post(url, new { }, "security-lead@northwind.example"));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var response = await http.SendAsync(Post(url, new { reason = "Penetration test by the red team" }, "security-lead@northwind.example"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        Assert.Equal(IncidentStatus.FalsePositive, summary.Status);
        Assert.Contains(summary.Timeline, t => t.Kind == "incident.false-positive-declared" && t.Summary.StartsWith("Penetration test by the red team (asked by security-lead@northwind.example, seconded by ", StringComparison.Ordinal));
        var api = await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, $"/api/incidents/{id}"));
        Assert.Equal("FalsePositive", (string)api!["status"]!);
    }

    [Fact]
    public async Task PostFactsAndFalsePositive_TextPlainOrCrossOrigin_RefusedAndIncidentUnchanged()
    {
        using var http = new HttpClient();
        var id = await OpenAsync(http);
        var routes = new[] { Facts(id), new Uri(Pipeline.ApiUrl, $"/api/incidents/{id}/false-positive") };
        const string body = "{\"reason\": \"forged\", \"subjectCount\": 1}";

        foreach (var url in routes)
        {
            // What a cross-site HTML form can send without a preflight.
            using var plain = Post(url, body, "security-lead@northwind.example");
            plain.Content = new StringContent(body, Encoding.UTF8, "text/plain");
            using var plainResponse = await http.SendAsync(plain);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainResponse.StatusCode);
            Assert.Contains("Content-Type", await plainResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var crossOrigin = Post(url, body, "security-lead@northwind.example");
            crossOrigin.Headers.Add("Origin", "http://evil.example");
            using var crossResponse = await http.SendAsync(crossOrigin);
            Assert.Equal(HttpStatusCode.Forbidden, crossResponse.StatusCode);
            Assert.Equal("application/problem+json", crossResponse.Content.Headers.ContentType?.MediaType);
        }

        var incident = await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, $"/api/incidents/{id}"));
        Assert.NotEqual("FalsePositive", (string?)incident!["status"]);
        Assert.DoesNotContain(incident["timeline"]!.AsArray(), t => (string?)t!["kind"] is "incident.false-positive-declared" or "facts.amended");
    }

    [Fact]
    public async Task PostFacts_OversizedAndMalformedBodies_Refused4xxNamingWhatIsWrong()
    {
        using var http = new HttpClient();
        var url = Facts("inc-does-not-matter");
        var cases = new (string Body, HttpStatusCode Status, string Names)[]
        {
            ($"{{\"note\": \"{new string('x', FormLimits.FreeText + 1)}\", \"subjectCount\": 1}}", HttpStatusCode.BadRequest, "note: at most"),
            ("{\"note\": \"\\ud800\", \"subjectCount\": 1}", HttpStatusCode.BadRequest, "$.note"),
            ("{\"subjectCount\": 1, \"subjectCount\": 2}", HttpStatusCode.BadRequest, "$.subjectCount"),
            ("{\"awareAt\": \"9999-12-31T00:00:00Z\"}", HttpStatusCode.BadRequest, "awareAt: must fall between"),
            ("{\"lawEnforcementHold\": {\"requestedBy\": \"" + new string('y', FormLimits.Name + 1) + "\", \"reason\": \"r\"}}", HttpStatusCode.BadRequest, "lawEnforcementHold.requestedBy"),
            ("{\"note\": \"" + new string('z', FormLimits.MaxBodyBytes) + "\"}", HttpStatusCode.RequestEntityTooLarge, "At most"),
        };
        foreach (var (body, status, names) in cases)
        {
            using var response = await http.SendAsync(Post(url, body, "dpo@northwind.example"));
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(names, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
