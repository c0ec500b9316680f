using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Resilience;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// The incident console (issue 15) through the real local pipeline: an alert in through <c>/api/events</c>, the queue at
/// <c>/</c>, the incident page and its verify route, read as a browser on loopback reads them (no sign-in).
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class ConsolePagesTests(LocalPipelineFixture fixture)
{
    private const string Hostile = "<script>alert('leak')</script><img src=x onerror=alert(1)> Einstein exported contacts";

    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task GetRoot_AfterAnAlert_RedirectsToTheQueueListingTheOpenIncident()
    {
        using var http = new HttpClient();
        var (id, _, _) = await IncidentProbe.OpenAsync(Pipeline, http);
        await WaitUntilRecordedAsync(http, id);

        using var response = await http.GetAsync(new Uri(Pipeline.ApiUrl, "/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ConsoleHandler.BasePath, response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Incidents</h1>", html, StringComparison.Ordinal);
        Assert.Contains(ConsolePageRenderer.IncidentPath(ConsoleHandler.BasePath, id), html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains(ConsolePageRenderer.ScriptHash, response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIncidentPage_HostileAlertSummary_ShowsItEncodedWithObligationsContainmentAndAVerifiableHead()
    {
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var unique = Guid.NewGuid().ToString("N");
        using var body = new StringContent(JsonSerializer.Serialize(IncidentProbe.Alert("org-" + unique, "005" + unique[..12], Hostile)),
            Encoding.UTF8, "application/cloudevents+json");
        using var posted = await http.PostAsync(Pipeline.EventsUrl, body, timeout.Token);
        var delivery = await posted.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
        var id = (string)delivery!["incidents"]![0]!;
        await IncidentProbe.WaitUntilContainedAsync(Pipeline, http, id, timeout.Token);

        using var response = await http.GetAsync(new Uri(Pipeline.ApiUrl, ConsolePageRenderer.IncidentPath(ConsoleHandler.BasePath, id)), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(timeout.Token);
        // The alert's own entry is the oldest, on the timeline's last page.
        var pages = await TimelinePagesAsync(http, id, timeout.Token);
        Assert.All(pages, page => Assert.Equal(1, page.Split("<script").Length - 1));
        html = string.Concat(pages);
        Assert.Contains("&lt;script&gt;alert(&#39;leak&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h2>Obligations</h2>", html, StringComparison.Ordinal);
        Assert.Contains("gdpr-art33", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Containment</h2>", html, StringComparison.Ordinal);
        Assert.Contains("salesforce.", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Timeline</h2>", html, StringComparison.Ordinal);
        Assert.Contains(ConsoleHandler.VerifyPath(id), html, StringComparison.Ordinal);

        var verification = await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, ConsoleHandler.VerifyPath(id)), timeout.Token);
        Assert.True((bool)verification!["verified"]!, verification.ToJsonString());
        Assert.StartsWith("sha256:", (string?)verification["headHash"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIncidentPage_UnknownIncident_Is404()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(Pipeline.ApiUrl, ConsolePageRenderer.IncidentPath(ConsoleHandler.BasePath, "inc-nope")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetIncidentPage_PageNotANumber_Is400()
    {
        using var http = new HttpClient();
        var (id, _, _) = await IncidentProbe.OpenAsync(Pipeline, http);
        await WaitUntilRecordedAsync(http, id);

        using var response = await http.GetAsync(new Uri(Pipeline.ApiUrl, ConsolePageRenderer.IncidentPath(ConsoleHandler.BasePath, id) + "?page=x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The incident's record is written by its orchestration a moment after the alert is accepted.</summary>
    private async Task WaitUntilRecordedAsync(HttpClient http, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var read = await http.GetAsync(new Uri(Pipeline.ApiUrl, $"/api/incidents/{id}"), timeout.Token);
            if (read.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Every page of the incident's timeline, following the "Older" links as a reader would.</summary>
    private async Task<List<string>> TimelinePagesAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        var pages = new List<string>();
        var path = ConsolePageRenderer.IncidentPath(ConsoleHandler.BasePath, id);
        for (var page = 1; page <= 10; page++)
        {
            var html = await http.GetStringAsync(new Uri(Pipeline.ApiUrl, path + "?page=" + page), cancellationToken);
            pages.Add(html);
            if (!html.Contains("\">Older</a>", StringComparison.Ordinal))
            {
                break;
            }
        }
        return pages;
    }
}
