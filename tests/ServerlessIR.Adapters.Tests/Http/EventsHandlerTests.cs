using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Evidence;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Tests.Http;

/// <summary>
/// The webhook's hostile and odd inputs through the real handler: ingestion, claims, the rejected-events table and the
/// raw store on Azurite, and incidents opened on the Durable Task test host with the real orchestrator.
/// </summary>
[Trait("Category", "Storage")]
[Collection(AzuriteCollection.Name)]
public sealed class EventsHandlerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider services = null!;
    private IncidentTestHost host = null!;

    private EventsHandler Handler => services.GetRequiredService<EventsHandler>();
    private RejectedEventStore Rejected => services.GetRequiredService<RejectedEventStore>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ServerlessIR:Storage:Prefix"] = TestStorageAccount.NewPrefix("edge"),
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddStorage(configuration);
        collection.AddSingleton<IPlaybookProvider>(new StaticPlaybookProvider(PlaybookLoader.LoadDefault()));
        collection.AddSingleton(new Pseudonymizer(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        collection.AddIncidents();
        collection.AddIngestion(configuration);
        collection.AddSingleton<EventGridDeliveryGuard>();
        collection.AddSingleton<EventsHandler>();
        collection.AddSingleton<IncidentsHandler>();
        services = collection.BuildServiceProvider();
        await azurite.CreateAsync(services.GetRequiredService<TableNames>());
        host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await services.DisposeAsync();
    }

    private static JsonObject ApiAnomaly(string? eventId = null) => new()
    {
        ["EventDate"] = DateTimeOffset.UtcNow.ToString("o"),
        ["EventIdentifier"] = eventId ?? Guid.NewGuid().ToString(),
        ["UserId"] = "005" + Guid.NewGuid().ToString("N")[..15],
        ["Username"] = "someone@shop.example",
        ["SourceIp"] = "198.51.100.9",
        ["Score"] = 0.4,
        ["Summary"] = "Unusually high API usage",
    };

    private static JsonObject CloudEvent(JsonNode data, string type = "Salesforce.EventMonitoring.ApiAnomalyEvent", string? id = null) => new()
    {
        ["specversion"] = "1.0",
        ["type"] = type,
        ["source"] = "/salesforce/orgs/northwind-prod/ApiAnomalyEventStore",
        ["id"] = id ?? Guid.NewGuid().ToString(),
        ["data"] = data,
    };

    private async Task<(int Status, string Body)> PostAsync(string body)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/cloudevents-batch+json";
        context.Response.Body = new MemoryStream();
        var result = await Handler.PostAsync(context.Request, host.Client);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    private static int Field(string body, string name) => (int)JsonNode.Parse(body)![name]!;

    private async Task<List<RejectedEvent>> RejectedWithIdAsync(string id) =>
        [.. (await Rejected.ListAsync(1000)).Where(r => r.EventId == id)];

    [Fact]
    public async Task PostAsync_SalesforceEventWithEmptyUserId_OpensIncident()
    {
        var data = ApiAnomaly();
        data["UserId"] = "";

        var (status, body) = await PostAsync(new JsonArray(CloudEvent(data)).ToJsonString());

        Assert.Equal(200, status);
        Assert.Equal(1, Field(body, "opened") + Field(body, "joined"));
    }

    [Fact]
    public async Task PostAsync_LoneSurrogateInSummary_AcceptedAndRedeliveryIsADuplicate()
    {
        var data = ApiAnomaly();
        data["Summary"] = "SURROGATE";
        var json = new JsonArray(CloudEvent(data)).ToJsonString().Replace("SURROGATE", "broken \\ud800 text", StringComparison.Ordinal);

        var (status, body) = await PostAsync(json);
        var (again, secondBody) = await PostAsync(json);

        Assert.Equal(200, status);
        Assert.Equal(1, Field(body, "opened") + Field(body, "joined"));
        Assert.Equal(200, again);
        Assert.Equal(1, Field(secondBody, "duplicates"));
    }

    [Fact]
    public async Task PostAsync_NumberTooLargeForItsField_RejectedNamingItAndRecordedOnceOverRedeliveries()
    {
        var id = Guid.NewGuid().ToString();
        var json = new JsonArray(CloudEvent(new JsonObject
        {
            ["detectedAt"] = "2026-11-30T08:00:00Z", ["orgId"] = "northwind-prod", ["summary"] = "leak",
            ["estimatedSubjects"] = JsonNode.Parse("1e30"),
        }, AiDataLeakDetected.EventType, id)).ToJsonString();

        var (status, body) = await PostAsync(json);
        var (again, secondBody) = await PostAsync(json);

        Assert.Equal(200, status);
        Assert.Equal(1, Field(body, "rejected"));
        Assert.Equal(200, again);
        Assert.Equal(1, Field(secondBody, "duplicates"));
        var row = Assert.Single(await RejectedWithIdAsync(id));
        Assert.Contains("estimatedSubjects", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_StringDataRedelivered_RecordedOnce()
    {
        var id = Guid.NewGuid().ToString();
        var json = new JsonArray(CloudEvent(JsonValue.Create("not an object"), id: id)).ToJsonString();

        var first = await PostAsync(json);
        var second = await PostAsync(json);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal(1, Field(second.Body, "rejected"));
        var row = Assert.Single(await RejectedWithIdAsync(id));
        Assert.Contains("not an object", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_MoreEventsThanTheCap_413NamingCountAndLimit()
    {
        var count = IngestionLimits.MaxEventsPerDelivery + 1;
        var json = "[" + string.Join(',', Enumerable.Repeat("{}", count)) + "]";

        var (status, body) = await PostAsync(json);

        Assert.Equal(413, status);
        Assert.Contains(count.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
        Assert.Contains("5000", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_ValidationEventInABatch_AnswersItAndProcessesTheRest()
    {
        var brokenId = Guid.NewGuid().ToString();
        var json = new JsonArray(
            new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(), ["topic"] = "/subscriptions/x/topics/ir", ["subject"] = "",
                ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent", ["eventTime"] = DateTimeOffset.UtcNow.ToString("o"),
                ["dataVersion"] = "1", ["data"] = new JsonObject { ["validationCode"] = "code-123" },
            },
            new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(), ["topic"] = "/subscriptions/x/topics/ir", ["subject"] = "northwind-prod/ApiAnomalyEventStore",
                ["eventType"] = "Salesforce.EventMonitoring.ApiAnomalyEvent", ["eventTime"] = DateTimeOffset.UtcNow.ToString("o"),
                ["dataVersion"] = "1", ["data"] = ApiAnomaly(),
            },
            new JsonObject
            {
                ["id"] = brokenId, ["topic"] = "/subscriptions/x/topics/ir", ["subject"] = "s",
                ["eventType"] = "Salesforce.EventMonitoring.ApiAnomalyEvent", ["eventTime"] = DateTimeOffset.UtcNow.ToString("o"),
                ["dataVersion"] = "1", ["data"] = new JsonObject { ["UserId"] = "005x" },
            }).ToJsonString();

        var (status, body) = await PostAsync(json);

        Assert.Equal(200, status);
        Assert.Equal("code-123", (string)JsonNode.Parse(body)!["validationResponse"]!);
        Assert.Equal(1, Field(body, "opened") + Field(body, "joined"));
        Assert.Equal(1, Field(body, "rejected"));
        Assert.Single(await RejectedWithIdAsync(brokenId));
    }

    [Fact]
    public async Task PostAsync_SubscriptionDeletedEvent_AcknowledgedNotRejected()
    {
        var id = Guid.NewGuid().ToString();
        var json = new JsonArray(new JsonObject
        {
            ["id"] = id, ["topic"] = "/subscriptions/x/topics/ir", ["subject"] = "/subscriptions/x/eventSubscriptions/ir-webhook",
            ["eventType"] = "Microsoft.EventGrid.SubscriptionDeletedEvent", ["eventTime"] = DateTimeOffset.UtcNow.ToString("o"),
            ["dataVersion"] = "1", ["data"] = new JsonObject { ["eventSubscriptionId"] = "/subscriptions/x/eventSubscriptions/ir-webhook" },
        }).ToJsonString();

        var (status, body) = await PostAsync(json);

        Assert.Equal(200, status);
        Assert.Equal(1, Field(body, "acknowledged"));
        Assert.Equal(0, Field(body, "rejected"));
        Assert.Empty(await RejectedWithIdAsync(id));
    }

    [Fact]
    public async Task PostAsync_RejectedAzureMonitorAlert_StoredAndServedWithoutItsAlertContext()
    {
        var id = Guid.NewGuid().ToString();
        var alert = CloudEvent(JsonNode.Parse("""
            {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{"alertRule":"burst","severity":"Sev2",
             "monitorCondition":"Resolved","firedDateTime":"2026-11-30T08:00:00Z","alertTargetIDs":[]},
             "alertContext":{"SearchResults":{"rows":[["query-result-person@example.com"]]}}}}
            """)!, "Microsoft.Insights.Alert", id);

        var (status, _) = await PostAsync(new JsonArray(alert).ToJsonString());
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        await (await services.GetRequiredService<IncidentsHandler>().RejectedAsync(context.Request)).ExecuteAsync(context);
        var served = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

        Assert.Equal(200, status);
        var row = Assert.Single(await RejectedWithIdAsync(id));
        Assert.Contains("Resolved", row.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("query-result-person", row.Raw, StringComparison.Ordinal);
        Assert.Contains("essentials", row.Raw, StringComparison.Ordinal);
        Assert.Contains("data.alertContext", row.Raw, StringComparison.Ordinal);
        Assert.Contains(id, served, StringComparison.Ordinal);
        Assert.DoesNotContain("query-result-person", served, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_ManyInvalidEvents_EachRecordedAndCountedOnHealth()
    {
        var before = (await Rejected.CountRecentAsync(DateTimeOffset.UtcNow)).Count;
        var events = Enumerable.Range(0, 230).Select(_ => (JsonNode)CloudEvent(JsonValue.Create(42), id: Guid.NewGuid().ToString())).ToArray();

        var (status, body) = await PostAsync(new JsonArray(events).ToJsonString());
        var after = await Rejected.CountRecentAsync(DateTimeOffset.UtcNow);

        Assert.Equal(200, status);
        Assert.Equal(230, Field(body, "rejected"));
        Assert.Equal(before + 230, after.Count);
        Assert.False(after.Capped);
    }

    [Fact]
    public async Task PostAsync_LongRejectedEvent_RowBoundedAndWholeCopyInTheRawStore()
    {
        var id = Guid.NewGuid().ToString();
        var data = ApiAnomaly();
        data.Remove("EventDate");
        data["Summary"] = new string('x', 30_000);

        await PostAsync(new JsonArray(CloudEvent(data, id: id)).ToJsonString());

        var row = Assert.Single(await RejectedWithIdAsync(id));
        Assert.True(row.Truncated);
        Assert.True(row.Raw.Length <= IngestionLimits.MaxRejectedRawChars);
        Assert.Contains("[truncated:", row.Raw, StringComparison.Ordinal);
        var whole = await services.GetRequiredService<IPayloadStore>().GetAsync(row.RawRef!);
        Assert.Contains(new string('x', 30_000), whole, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_DuplicatePropertyInAnEvent_RejectedNamingTheProperty()
    {
        var id = Guid.NewGuid().ToString();
        var json = new JsonArray(CloudEvent(ApiAnomaly(), id: id)).ToJsonString()
            .Replace("\"Score\":0.4", "\"Score\":0.4,\"Score\":0.9", StringComparison.Ordinal);

        var (status, body) = await PostAsync(json);

        Assert.Equal(200, status);
        Assert.Equal(1, Field(body, "rejected"));
        var row = Assert.Single(await RejectedWithIdAsync(id));
        Assert.Contains("data.Score", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_LongSummary_IncidentInputCarriesBoundedTextAndTheRawReference()
    {
        var data = ApiAnomaly();
        data["Summary"] = new string('y', 40_000);

        var (status, body) = await PostAsync(new JsonArray(CloudEvent(data)).ToJsonString());
        var incidentId = (string)JsonNode.Parse(body)!["incidents"]![0]!;
        var instance = await host.Client.GetInstanceAsync(incidentId, getInputsAndOutputs: true);

        Assert.Equal(200, status);
        Assert.NotNull(instance);
        Assert.DoesNotContain(new string('y', IngestionLimits.MaxFreeTextChars), instance.SerializedInput, StringComparison.Ordinal);
        Assert.Contains("[truncated: ", instance.SerializedInput, StringComparison.Ordinal);
        Assert.Contains("blob:", instance.SerializedInput, StringComparison.Ordinal);
    }
}
