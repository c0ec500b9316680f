using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>Boots the real local host on Azurite and drives incidents through its HTTP webhook.</summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class LocalPipelineTests(LocalPipelineFixture fixture)
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    private static StringContent CloudEvent(string id, object data) =>
        new(JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = "ServerlessIR.AiDataLeak.Detected",
            source = "/tests/local",
            id,
            data,
        }), Encoding.UTF8, "application/cloudevents+json");

    [Fact]
    public async Task PostEvents_LeakAlert_RunsIncidentToContainedWithEvidenceAndRevokesOnce()
    {
        // Start from the seeded estate: other tests in this collection contain (and leave contained) the same systems.
        Pipeline.Salesforce!.Seed(Pipeline.Playbook);
        Pipeline.Salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
        await RunningIncidents.EndAsync(Pipeline);
        using var http = new HttpClient();
        var id = "it-" + Guid.NewGuid().ToString("N");
        var revokesBefore = Pipeline.Salesforce!.Effects.Count(e => e.Kind == "revoke");
        using var response = await http.PostAsync(Pipeline.EventsUrl, CloudEvent(id, new
        {
            detectedAt = DateTimeOffset.UtcNow,
            orgId = "northwind-prod",
            connectedApp = "Fraud Scoring Connector",
            principal = new { type = "integration-user", id = "0055g00000FRAUDint" },
            dataCategories = new[] { "contact", "behavioural" },
            estimatedSubjects = 800,
            summary = "integration test leak",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)delivery!["opened"]!);
        var incidentId = (string)delivery["incidents"]![0]!;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var done = await Pipeline.Client.WaitForInstanceCompletionAsync(incidentId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var summary = done.ReadOutputAs<IncidentSummary>()!;
        Assert.Equal(IncidentStatus.Contained, summary.Status);
        Assert.Equal("checkout-fraud-scoring", summary.AiSystem);
        Assert.All(summary.Containment, c => Assert.Equal(ContainmentStatus.Succeeded, c.Status));
        Assert.Equal("salesforce.preserve-event-logs", summary.Containment[0].Action);
        Assert.Equal(3, Pipeline.Salesforce.Effects.Count(e => e.Kind == "revoke") - revokesBefore);
        Assert.Contains(Pipeline.Graph!.Messages, m => m.Subject?.Contains(incidentId, StringComparison.Ordinal) == true);

        var api = await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, $"/api/incidents/{incidentId}"));
        Assert.Equal("Contained", (string)api!["status"]!);
        var list = await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, "/api/incidents"));
        Assert.Contains(list!["incidents"]!.AsArray(), i => (string)i!["id"]! == incidentId);

        // The raw principal ID never reaches the durable history or the incident record.
        Assert.DoesNotContain("0055g00000FRAUDint", done.SerializedInput, StringComparison.Ordinal);
        Assert.DoesNotContain("0055g00000FRAUDint", JsonSerializer.Serialize(api), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEvents_SameEventTwice_ProcessedOnce()
    {
        using var http = new HttpClient();
        var id = "dup-" + Guid.NewGuid().ToString("N");
        var data = new { detectedAt = DateTimeOffset.UtcNow, orgId = "northwind-prod", summary = "dup test" };
        using var first = await http.PostAsync(Pipeline.EventsUrl, CloudEvent(id, data));
        using var second = await http.PostAsync(Pipeline.EventsUrl, CloudEvent(id, data));
        var a = await first.Content.ReadFromJsonAsync<JsonObject>();
        var b = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, (int)a!["opened"]! + (int)a["joined"]!);
        Assert.Equal(1, (int)b!["duplicates"]!);
    }

    [Fact]
    public async Task PostEvents_WithoutOrWithWrongKey_Is401WithProblem()
    {
        using var http = new HttpClient();
        using var missing = await http.PostAsync(new Uri(Pipeline.ApiUrl, "/api/events"), new StringContent("[]"));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("key", await missing.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var wrong = await http.PostAsync(new Uri(Pipeline.ApiUrl, "/api/events?code=nope"), new StringContent("[]"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task PostEvents_SubscriptionValidationEvent_AnswersValidationCode()
    {
        using var http = new HttpClient();
        var body = """[{"id":"v1","topic":"/subscriptions/x","subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6","validationUrl":"https://example"},"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-11-29T10:00:00Z","metadataVersion":"1","dataVersion":"2"}]""";
        using var response = await http.PostAsync(Pipeline.EventsUrl, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", (string)json!["validationResponse"]!);
    }

    [Fact]
    public async Task OptionsEvents_CloudEventsHandshake_EchoesOrigin()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, Pipeline.EventsUrl);
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("42", "not an event")]
    [InlineData("{\"hello\":1}", "neither an EventGridEvent")]
    public async Task PostEvents_BadBody_Is400ProblemNamingTheFault(string body, string expected)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Pipeline.EventsUrl, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PostEvents_OverOneMegabyte_Is413()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Pipeline.EventsUrl, new StringContent("[" + new string(' ', 1_100_000) + "]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostEvents_UnknownTypeInBatch_RejectedAndListedWhileBatchAnswers200()
    {
        using var http = new HttpClient();
        var id = "unknown-" + Guid.NewGuid().ToString("N");
        var body = "[{\"specversion\":\"1.0\",\"type\":\"Contoso.Unknown\",\"source\":\"/x\",\"id\":\"" + id + "\",\"data\":{\"a\":1}}]";
        using var response = await http.PostAsync(Pipeline.EventsUrl, new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rejected = await http.GetStringAsync(new Uri(Pipeline.ApiUrl, "/api/events/rejected"));
        Assert.Contains(id, rejected, StringComparison.Ordinal);
        Assert.Contains("Unknown event type", rejected, StringComparison.Ordinal);
    }
}
