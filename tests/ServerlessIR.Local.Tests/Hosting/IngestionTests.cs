using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Polling;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>Ingestion through the real webhook of the local host: each schema, each source, duplicates, correlation, the relay.</summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class IngestionTests(LocalPipelineFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private LocalPipeline Pipeline => fixture.Pipeline;

    private static JsonObject ApiAnomaly(string userId, string? eventId = null) => new()
    {
        ["EventDate"] = DateTimeOffset.UtcNow.ToString("o"),
        ["EventIdentifier"] = eventId ?? Guid.NewGuid().ToString(),
        ["UserId"] = userId,
        ["Username"] = userId + "@shop.example",
        ["SourceIp"] = "198.51.100.9",
        ["Operation"] = "Query",
        ["QueriedEntities"] = "Contact",
        ["RowsProcessed"] = 250000,
        ["Score"] = 0.91,
        ["Summary"] = "Unusually high API usage",
    };

    private static StringContent CloudEventsBatch(params JsonObject[] events) =>
        new(new JsonArray(events).ToJsonString(), Encoding.UTF8, "application/cloudevents-batch+json");

    private static JsonObject SalesforceCloudEvent(string eventName, JsonObject data) => new()
    {
        ["specversion"] = "1.0",
        ["type"] = "Salesforce.EventMonitoring." + eventName,
        ["source"] = "/salesforce/orgs/northwind-prod/" + eventName + "Store",
        ["id"] = data["EventIdentifier"]!.GetValue<string>(),
        ["data"] = data,
    };

    private async Task<JsonObject> PostAsync(HttpContent content)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Pipeline.EventsUrl, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonObject> WaitForIncidentAsync(string id, Func<JsonObject, bool> until)
    {
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            using var response = await http.GetAsync(new Uri(Pipeline.ApiUrl, $"/api/incidents/{id}"), timeout.Token);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token) is { } incident && until(incident))
            {
                return incident;
            }
            await Task.Delay(200, timeout.Token);
        }
    }

    [Fact]
    public async Task PostEvents_EventGridEventArrayWithSalesforceAnomaly_OpensIncidentWithoutRawIdentifiers()
    {
        var user = "005" + Guid.NewGuid().ToString("N")[..15];
        var body = new JsonArray(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["topic"] = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/topics/ir",
            ["subject"] = "northwind-prod/SessionHijackingEventStore",
            ["eventType"] = "Salesforce.EventMonitoring.SessionHijackingEvent",
            ["eventTime"] = DateTimeOffset.UtcNow.ToString("o"),
            ["dataVersion"] = "1.0",
            ["data"] = ApiAnomaly(user),
        });
        var delivery = await PostAsync(new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(1, (int)delivery["opened"]!);
        var incidentId = (string)delivery["incidents"]![0]!;
        var instance = await Pipeline.Client.GetInstanceAsync(incidentId, getInputsAndOutputs: true);
        Assert.NotNull(instance);
        Assert.DoesNotContain(user, instance.SerializedInput, StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100.9", instance.SerializedInput, StringComparison.Ordinal);
        Assert.Contains("SessionHijackingEvent", instance.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEvents_CloudEventsBatchSameAiSystemTwice_OneIncidentShowingBothSignals()
    {
        // The BNPL integration user maps to the BNPL AI system, whose obligations keep the incident open long enough to show
        // the joined signal. (An incident with no checkpoint ends at once; a signal raised just then is not counted: the
        // orchestrator's concern, reported to its owner.)
        static JsonObject Bnpl()
        {
            var data = ApiAnomaly("0055g00000BNPLint");
            data["Username"] = "bnpl-integration@northwind.example";
            return data;
        }
        // Another test's BNPL incident may still be running in the shared pipeline: end it, so this batch opens an incident
        // of its own.
        await RunningIncidents.EndAsync(Pipeline);
        var delivery = await PostAsync(CloudEventsBatch(
            SalesforceCloudEvent("ApiAnomalyEvent", Bnpl()),
            SalesforceCloudEvent("ReportAnomalyEvent", Bnpl())));
        Assert.Equal(2, (int)delivery["opened"]! + (int)delivery["joined"]!);
        Assert.True((int)delivery["joined"]! >= 1);
        var incidentId = (string)Assert.Single(delivery["incidents"]!.AsArray())!;
        var incident = await WaitForIncidentAsync(incidentId, i => (int)i["signals"]! >= 2);
        Assert.Equal("bnpl-credit-scoring", (string)incident["aiSystem"]!);
    }

    [Fact]
    public async Task PostEvents_AzureMonitorCommonAlert_IncidentForTheAiSystemOwningTheResource()
    {
        var alert = new JsonObject
        {
            ["specversion"] = "1.0",
            ["type"] = "Microsoft.Insights.Alert",
            ["source"] = "/subscriptions/00000000-0000-0000-0000-0000000000f1/actionGroups/ag-ir",
            ["id"] = Guid.NewGuid().ToString(),
            ["data"] = JsonNode.Parse($$"""
                {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{
                  "alertId":"/subscriptions/00000000-0000-0000-0000-0000000000f1/providers/Microsoft.AlertsManagement/alerts/{{Guid.NewGuid()}}",
                  "alertRule":"kv-secret-burst","severity":"Sev2","signalType":"Log","monitorCondition":"Fired","monitoringService":"Log Alerts V2",
                  "alertTargetIDs":["/subscriptions/00000000-0000-0000-0000-0000000000f1/resourcegroups/rg-fraud-scoring/providers/microsoft.keyvault/vaults/kv-fraud-scoring"],
                  "firedDateTime":"{{DateTimeOffset.UtcNow:o}}","essentialsVersion":"1.0","alertContextVersion":"1.0"},"alertContext":{} } }
                """),
        };
        var delivery = await PostAsync(new StringContent(alert.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"));
        Assert.Equal(1, (int)delivery["opened"]! + (int)delivery["joined"]!);
        var incidentId = (string)delivery["incidents"]![0]!;
        var incident = await WaitForIncidentAsync(incidentId, _ => true);
        Assert.Equal("checkout-fraud-scoring", (string)incident["aiSystem"]!);
    }

    [Fact]
    public async Task PostEvents_SameEventRacingOnEightRequests_ProcessedExactlyOnce()
    {
        var user = "005" + Guid.NewGuid().ToString("N")[..15];
        var body = new JsonArray(SalesforceCloudEvent("ApiAnomalyEvent", ApiAnomaly(user))).ToJsonString();
        using var http = new HttpClient();
        async Task<(HttpStatusCode Status, JsonObject? Body)> Send()
        {
            using var response = await http.PostAsync(Pipeline.EventsUrl, new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json"));
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonObject>());
        }
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Send)));
        Assert.All(results, r => Assert.Contains(r.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        var processed = results.Where(r => r.Status == HttpStatusCode.OK).Sum(r => (int)r.Body!["opened"]! + (int)r.Body["joined"]!);
        Assert.Equal(1, processed);
        // Event Grid redelivers the copies that got 503: they settle as duplicates.
        foreach (var _ in results.Where(r => r.Status == HttpStatusCode.ServiceUnavailable))
        {
            var again = await Send();
            Assert.Equal(HttpStatusCode.OK, again.Status);
            Assert.Equal(1, (int)again.Body!["duplicates"]!);
        }
    }

    [Fact]
    public async Task PostEvents_SignalAfterItsIncidentClosed_OpensNewIncidentLinkedToIt()
    {
        var user = "005" + Guid.NewGuid().ToString("N")[..15];
        var first = await PostAsync(CloudEventsBatch(SalesforceCloudEvent("ApiAnomalyEvent", ApiAnomaly(user))));
        var firstId = (string)first["incidents"]![0]!;
        using var timeout = new CancellationTokenSource(Patience);
        await Pipeline.Client.WaitForInstanceCompletionAsync(firstId, cancellation: timeout.Token);

        var second = await PostAsync(CloudEventsBatch(SalesforceCloudEvent("ApiAnomalyEvent", ApiAnomaly(user))));
        Assert.Equal(1, (int)second["opened"]!);
        var secondId = (string)second["incidents"]![0]!;
        Assert.NotEqual(firstId, secondId);
        var incident = await WaitForIncidentAsync(secondId, i => i["linkedIncidentId"] is not null);
        Assert.Equal(firstId, (string)incident["linkedIncidentId"]!);
    }

    [Fact]
    public async Task PostEvents_BatchWithOneBrokenEvent_GoodOneProcessedBrokenOneRejectedAndCounted()
    {
        using var http = new HttpClient();
        var before = (int)(await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, "/api/health")))!["rejectedEvents"]!;
        var brokenId = "broken-" + Guid.NewGuid().ToString("N");
        var broken = new JsonObject { ["specversion"] = "1.0", ["type"] = "Salesforce.EventMonitoring.ApiAnomalyEvent", ["source"] = "/x", ["id"] = brokenId, ["data"] = new JsonObject { ["UserId"] = "005x" } };
        var delivery = await PostAsync(CloudEventsBatch(SalesforceCloudEvent("ApiAnomalyEvent", ApiAnomaly("005" + Guid.NewGuid().ToString("N")[..15])), broken));
        Assert.Equal(1, (int)delivery["opened"]! + (int)delivery["joined"]!);
        Assert.Equal(1, (int)delivery["rejected"]!);
        var rejected = await http.GetStringAsync(new Uri(Pipeline.ApiUrl, "/api/events/rejected"));
        Assert.Contains(brokenId, rejected, StringComparison.Ordinal);
        Assert.Contains("EventDate", rejected, StringComparison.Ordinal);
        var after = (int)(await http.GetFromJsonAsync<JsonObject>(new Uri(Pipeline.ApiUrl, "/api/health")))!["rejectedEvents"]!;
        Assert.True(after > before);
    }

    [Fact]
    public async Task Relay_AnomalyAddedToSalesforceStandIn_BecomesAnIncidentThroughTheWebhook()
    {
        var user = "005" + Guid.NewGuid().ToString("N")[..15];
        var eventId = Guid.NewGuid().ToString();
        using var http = new HttpClient();
        using var added = await http.PostAsJsonAsync(new Uri(Pipeline.StandInsUrl!, "/_standin/salesforce/events"),
            new JsonObject { ["store"] = "CredentialStuffingEventStore", ["records"] = new JsonArray(ApiAnomaly(user, eventId)) });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var incoming = new IncomingEvent(eventId, "/salesforce/orgs/northwind-prod/CredentialStuffingEventStore", "x", null, default, "");
        using var timeout = new CancellationTokenSource(Patience);
        OrchestrationMetadata? instance = null;
        while (instance is null)
        {
            await Task.Delay(250, timeout.Token);
            await foreach (var candidate in Pipeline.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }).WithCancellation(timeout.Token))
            {
                if (candidate.InstanceId.EndsWith(incoming.DedupeKey[..10], StringComparison.Ordinal))
                {
                    instance = candidate;
                    break;
                }
            }
        }
        Assert.Contains("CredentialStuffingEvent", instance.SerializedInput, StringComparison.Ordinal);
        Assert.DoesNotContain(user, instance.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindOutcomeAsync_EventDeliveredThroughTheWebhook_NamesTheIncidentItOpened()
    {
        var data = ApiAnomaly("005" + Guid.NewGuid().ToString("N")[..15]);
        var cloudEvent = SalesforceCloudEvent("ApiAnomalyEvent", data);
        var ingestion = Pipeline.Services.GetRequiredService<IngestionService>();
        var key = new IncomingEvent(cloudEvent["id"]!.GetValue<string>(), cloudEvent["source"]!.GetValue<string>(), "x", null, default, "").DedupeKey;
        Assert.Null(await ingestion.FindOutcomeAsync(key));

        var summary = await PostAsync(CloudEventsBatch(cloudEvent));
        var outcome = await ingestion.FindOutcomeAsync(key);

        Assert.NotNull(outcome);
        Assert.Equal(IngestOutcome.Opened, outcome.Outcome);
        Assert.Equal(summary["incidents"]![0]!.GetValue<string>(), outcome.IncidentId);
    }

    [Fact]
    public async Task PollAsync_AfterRestartWithSameMarks_PublishesOnlyNewRecordsIncludingSameMillisecondOnes()
    {
        var services = Pipeline.Services;
        var names = new TableNames(new StorageOptions { Prefix = "hwm" + Guid.NewGuid().ToString("N")[..8] });
        var tables = services.GetRequiredService<TableServiceClient>();
        // Its own marks table, so no other test's polls move these marks; start-up creates only the pipeline's own.
        await tables.CreateTableIfNotExistsAsync(names.PollerState);
        var onlyOrg = PlaybookLoader.LoadDefault() with { Ingestion = new IngestionSettings { EventStores = ["ReportAnomalyEventStore"] } };
        var published = new RecordingPublisher();
        SalesforceEventStorePoller NewPoller() => new(new StaticPlaybookProvider(onlyOrg), services.GetRequiredService<IEventStoreReader>(),
            new TableHighWaterMarkStore(tables, names), published, TimeProvider.System);

        // Some records share one CreatedDate, as a burst stored in the same millisecond does.
        var stamp = SalesforceDates.ToWire(DateTimeOffset.UtcNow.AddMinutes(-1));
        var store = Pipeline.Salesforce!.EventStores;
        var firstIds = Enumerable.Range(0, 3).Select(_ => store.Add("ReportAnomalyEventStore", new JsonObject { ["CreatedDate"] = stamp, ["UserId"] = "005a" }, DateTimeOffset.UtcNow)["EventIdentifier"]!.GetValue<string>()).ToList();

        var first = await NewPoller().PollAsync();
        Assert.Empty(first.Failures);
        Assert.Equal(firstIds.Order(StringComparer.Ordinal), published.Ids.Order(StringComparer.Ordinal));

        var restarted = NewPoller();
        var count = published.Ids.Count;
        await restarted.PollAsync();
        Assert.Equal(count, published.Ids.Count);

        var late = store.Add("ReportAnomalyEventStore", new JsonObject { ["CreatedDate"] = stamp, ["UserId"] = "005b" }, DateTimeOffset.UtcNow)["EventIdentifier"]!.GetValue<string>();
        var later = store.Add("ReportAnomalyEventStore", new JsonObject { ["UserId"] = "005c" }, DateTimeOffset.UtcNow.AddSeconds(1))["EventIdentifier"]!.GetValue<string>();
        await NewPoller().PollAsync();
        Assert.Equal(new[] { late, later }.Order(StringComparer.Ordinal), published.Ids.Skip(count).Order(StringComparer.Ordinal));
        Assert.Equal(published.Ids.Count, published.Ids.Distinct().Count());
    }

    private sealed class RecordingPublisher : IRelayPublisher
    {
        public List<string> Ids { get; } = [];

        public Task PublishAsync(IReadOnlyList<RelayedEvent> events, CancellationToken cancellationToken = default)
        {
            Ids.AddRange(events.Where(e => e.Type == "Salesforce.EventMonitoring.ReportAnomalyEvent").Select(e => e.Id));
            return Task.CompletedTask;
        }
    }
}
