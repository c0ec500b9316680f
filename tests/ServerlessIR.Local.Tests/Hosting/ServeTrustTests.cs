using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// What <c>ir serve</c> trusts, through the real local host in both of its forms (its own routes, and the Functions
/// app's classes): only loopback Host names, no identity from a bare header, people who signed in through the printed
/// one-time link, and state-changing posts only from its own origin.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ServeTrustTests : IAsyncLifetime
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "ir-serve-trust-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<PipelineHost, LocalPipeline> pipelines = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var pipeline in pipelines.Values)
        {
            await pipeline.DisposeAsync();
        }
        try { Directory.Delete(state, recursive: true); } catch (IOException) { }
    }

    /// <summary>A pipeline as <c>ir serve</c> starts it (no simulated people), on the run's Azurite under its own names.</summary>
    private async Task<LocalPipeline> ServeAsync(PipelineHost host)
    {
        if (!pipelines.TryGetValue(host, out var pipeline))
        {
            var storage = await TestAzurite.GetAsync();
            pipeline = pipelines[host] = await LocalPipeline.StartAsync(new LocalPipelineOptions
            {
                ApiPort = 0,
                AzuriteBlobPort = storage.BlobPort,
                StateFolder = state,
                StoragePrefix = TestStorageAccount.NewPrefix("serve"),
                TaskHub = TestStorageAccount.NewTaskHub("serve"),
                Host = host,
            });
        }
        return pipeline;
    }

    private static HttpRequestMessage PostFacts(LocalPipeline pipeline, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(pipeline.ApiUrl, "/api/incidents/inc-not-there/facts"))
        {
            Content = new StringContent("{\"subjectCount\": 10}", Encoding.UTF8, "application/json"),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return request;
    }

    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task Request_ForeignHostHeader_Refused421(PipelineHost host)
    {
        var pipeline = await ServeAsync(host);
        using var http = new HttpClient();
        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri(pipeline.ApiUrl, "/api/incidents"));
        rebound.Headers.Host = $"evil.example:{pipeline.ApiUrl.Port}";
        using var wrongPort = new HttpRequestMessage(HttpMethod.Get, new Uri(pipeline.ApiUrl, "/api/incidents"));
        wrongPort.Headers.Host = "127.0.0.1:1";
        using var loopback = new HttpRequestMessage(HttpMethod.Get, new Uri(pipeline.ApiUrl, "/api/incidents"));
        loopback.Headers.Host = $"localhost:{pipeline.ApiUrl.Port}";

        using var refused = await http.SendAsync(rebound);
        using var refusedPort = await http.SendAsync(wrongPort);
        using var answered = await http.SendAsync(loopback);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, refusedPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task Console_NoSignInOnLoopback_QueueIncidentPageAndVerifyAnswered(PipelineHost host)
    {
        var pipeline = await ServeAsync(host);
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (id, _, _) = await ServerlessIR.Local.Tests.Resilience.IncidentProbe.OpenAsync(pipeline, http);
        var incidentPage = new Uri(pipeline.ApiUrl, ConsolePageRenderer.IncidentPath(ConsoleHandler.BasePath, id));
        HttpResponseMessage page;
        // The record is written by the incident's orchestration a moment after the alert is accepted.
        while ((page = await http.GetAsync(incidentPage, timeout.Token)).StatusCode == HttpStatusCode.NotFound)
        {
            page.Dispose();
            await Task.Delay(50, timeout.Token);
        }

        using (page)
        using (var queue = await http.GetAsync(new Uri(pipeline.ApiUrl, "/"), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
            Assert.Contains(ConsolePageRenderer.IncidentPath(ConsoleHandler.BasePath, id), await queue.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<dd>" + id + "</dd>", await page.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        }
        var verification = await http.GetFromJsonAsync<JsonObject>(new Uri(pipeline.ApiUrl, ConsoleHandler.VerifyPath(id)), timeout.Token);
        Assert.Equal(id, (string?)verification!["incidentId"]);
        Assert.True((bool)verification["verified"]!, verification.ToJsonString());
        if (host == PipelineHost.Functions)
        {
            var invocations = pipeline.FunctionsDispatcher!.Invocations;
            Assert.True(invocations.GetValueOrDefault("ConsoleRoot") > 0 && invocations.GetValueOrDefault("ConsoleQueue") > 0
                && invocations.GetValueOrDefault("ConsoleIncident") > 0
                && invocations.GetValueOrDefault("VerifyIncidentEvidence") > 0, "console served outside the Functions app's classes");
        }
    }

    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task PostFacts_BareIdentityHeaderOutsideDrill_Refused401(PipelineHost host)
    {
        var pipeline = await ServeAsync(host);
        using var http = new HttpClient();
        using var request = PostFacts(pipeline);
        request.Headers.Add(LocalApproverIdentityResolver.HeaderName, "security-lead@northwind.example");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task SignInLink_OnceRedeemed_SessionCookieIdentifiesPersonForSameOriginPosts(PipelineHost host)
    {
        var pipeline = await ServeAsync(host);
        var link = pipeline.SignInLink("security-lead@northwind.example");
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);
        var origin = pipeline.ApiUrl.GetLeftPart(UriPartial.Authority);

        using (var signIn = await browser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            var cookie = string.Join(";", signIn.Headers.GetValues("Set-Cookie"));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }
        using (var again = await browser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        }
        // Past sign-in, origin and listing: the incident does not exist.
        using (var known = await browser.SendAsync(PostFacts(pipeline, origin)))
        {
            Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
        }
        // The same cookie on a post that does not say where it comes from, or comes from elsewhere.
        using (var noOrigin = await browser.SendAsync(PostFacts(pipeline)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        }
        using (var foreign = await browser.SendAsync(PostFacts(pipeline, "http://evil.example")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
            var problem = await foreign.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("Origin", (string?)problem!["errors"]![0]);
        }
    }
    [Theory]
    [InlineData(PipelineHost.Local)]
    [InlineData(PipelineHost.Functions)]
    public async Task TaskAndCloseRoutes_SignedInSameOrigin_ValidatedThenIncidentLookedUp(PipelineHost host)
    {
        var pipeline = await ServeAsync(host);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);
        var origin = pipeline.ApiUrl.GetLeftPart(UriPartial.Authority);
        (await browser.GetAsync(pipeline.SignInLink("security-lead@northwind.example"))).Dispose();
        HttpRequestMessage Post(string path, string json)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(pipeline.ApiUrl, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Origin", origin);
            return request;
        }

        using (var bad = await browser.SendAsync(Post("/api/incidents/inc-not-there/tasks", """{"title":"Rotate","owner":"sam","due":"2026-12-01T12:00:00Z"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var problem = await bad.Content.ReadFromJsonAsync<JsonObject>();
            Assert.StartsWith("owner:", (string?)problem!["errors"]![0], StringComparison.Ordinal);
        }
        using (var task = await browser.SendAsync(Post("/api/incidents/inc-not-there/tasks", """{"title":"Rotate","owner":"sam@northwind.example","due":"2026-12-01T12:00:00Z"}""")))
        {
            Assert.Equal(HttpStatusCode.NotFound, task.StatusCode);
        }
        using (var waive = await browser.SendAsync(Post("/api/incidents/inc-not-there/tasks/seed-1", """{"status":"waived"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, waive.StatusCode);
        }
        using (var close = await browser.SendAsync(Post("/api/incidents/inc-not-there/close", """{"rootCause":"c","controlChanges":"d"}""")))
        {
            Assert.Equal(HttpStatusCode.NotFound, close.StatusCode);
        }
        if (host == PipelineHost.Functions)
        {
            var invocations = pipeline.FunctionsDispatcher!.Invocations;
            Assert.True(invocations.GetValueOrDefault("CreateIncidentTask") > 1 && invocations.GetValueOrDefault("ResolveIncidentTask") > 0
                && invocations.GetValueOrDefault("CloseIncident") > 0, "task and close routes served outside the Functions app's classes");
        }
    }
}
