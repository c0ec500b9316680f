using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
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
/// Batched storage on the webhook's path, through the real handler on Azurite: one raw blob per delivery with each event
/// readable by its reference, claim transactions that fall back per event on a conflict, rejected rows with their reasons,
/// and the per-delivery time budget that answers 503 and loses nothing.
/// </summary>
[Trait("Category", "Storage")]
[Collection(AzuriteCollection.Name)]
public sealed class EventsHandlerBatchedStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Source = "/salesforce/orgs/northwind-prod/ApiAnomalyEventStore";
    private readonly string prefix = TestStorageAccount.NewPrefix("batch");
    private ServiceProvider services = null!;
    private IncidentTestHost host = null!;

    private TableNames Names => services.GetRequiredService<TableNames>();

    public async Task InitializeAsync()
    {
        services = Services(budget: null);
        await azurite.CreateAsync(Names);
        host = await IncidentTestHost.StartAsync(TestPlaybook.RevokeOnly());
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await services.DisposeAsync();
    }

    private ServiceProvider Services(string? budget)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ServerlessIR:Storage:Prefix"] = prefix,
        };
        if (budget is not null)
        {
            settings["ServerlessIR:Ingestion:DeliveryBudget"] = budget;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddStorage(configuration);
        collection.AddSingleton<IPlaybookProvider>(new StaticPlaybookProvider(PlaybookLoader.LoadDefault()));
        collection.AddSingleton(new Pseudonymizer(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        collection.AddIncidents();
        collection.AddIngestion(configuration);
        collection.AddSingleton<EventGridDeliveryGuard>();
        collection.AddSingleton<EventsHandler>();
        return collection.BuildServiceProvider();
    }

    private static JsonObject Event(string id, string summary, bool withDate = true, string type = "Salesforce.EventMonitoring.ApiAnomalyEvent")
    {
        var data = new JsonObject
        {
            ["EventIdentifier"] = Guid.NewGuid().ToString(),
            ["UserId"] = "005" + Guid.NewGuid().ToString("N")[..15],
            ["Username"] = "someone@shop.example",
            ["SourceIp"] = "198.51.100.9",
            ["Score"] = 0.4,
            ["Summary"] = summary,
        };
        if (withDate)
        {
            data["EventDate"] = DateTimeOffset.UtcNow.ToString("o");
        }
        return new JsonObject { ["specversion"] = "1.0", ["type"] = type, ["source"] = Source, ["id"] = id, ["data"] = data };
    }

    private static string Batch(params JsonObject[] events) => new JsonArray([.. events]).ToJsonString();

    private static async Task<(int Status, JsonNode? Body, string RetryAfter)> PostAsync(ServiceProvider provider, string body, IncidentTestHost host)
    {
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Method = "POST";
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/cloudevents-batch+json";
        context.Response.Body = new MemoryStream();
        var result = await provider.GetRequiredService<EventsHandler>().PostAsync(context.Request, host.Client);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return (context.Response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), context.Response.Headers.RetryAfter.ToString());
    }

    private Task<(int Status, JsonNode? Body, string RetryAfter)> PostAsync(string body) => PostAsync(services, body, host);

    private static int Field(JsonNode? body, string name) => (int)body![name]!;

    private static string KeyOf(string id) => new IncomingEvent(id, Source, "t", null, default, "{}").DedupeKey;

    /// <summary>Event IDs whose claims share one partition, so they go in one claim transaction.</summary>
    private static List<string> IdsInOnePartition(int count)
    {
        var first = Guid.NewGuid().ToString();
        var partition = DeliveryClaims.PartitionOf(KeyOf(first));
        var ids = new List<string> { first };
        while (ids.Count < count)
        {
            var id = Guid.NewGuid().ToString();
            if (DeliveryClaims.PartitionOf(KeyOf(id)) == partition)
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    /// <summary>Every payload reference the pipeline kept: the incidents' inputs and the join ledger's waiting signals.</summary>
    private async Task<List<string>> PayloadRefsAsync(IEnumerable<string> incidentIds)
    {
        var refs = new List<string>();
        foreach (var incidentId in incidentIds)
        {
            var instance = await host.Client.GetInstanceAsync(incidentId, getInputsAndOutputs: true);
            Collect(JsonNode.Parse(instance!.SerializedInput!), refs);
        }
        var correlation = services.GetRequiredService<TableServiceClient>().GetTableClient(Names.Correlation);
        await foreach (var row in correlation.QueryAsync<TableEntity>(r => r.RowKey.CompareTo("p-") >= 0 && r.RowKey.CompareTo("p.") < 0))
        {
            Collect(JsonNode.Parse(row.GetString("Signal")), refs);
        }
        return refs;
    }

    private static void Collect(JsonNode? node, List<string> refs)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name.Equals("payloadRef", StringComparison.OrdinalIgnoreCase) && value is JsonValue text && text.TryGetValue<string>(out var reference))
                    {
                        refs.Add(reference);
                    }
                    else
                    {
                        Collect(value, refs);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, refs);
                }
                break;
        }
    }

    private async Task<List<string>> RawBlobsAsync()
    {
        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(Names.RawPayloadContainer);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }
        return names;
    }

    [Fact]
    public async Task PostAsync_DeliveryOfSeveralEvents_OneRawBlobAndEachEventReadableByItsReference()
    {
        var summaries = Enumerable.Range(0, 5).Select(i => $"API anomaly {i} marker {Guid.NewGuid():N}").ToList();

        var (status, body, _) = await PostAsync(Batch([.. summaries.Select(s => Event(Guid.NewGuid().ToString(), s))]));

        Assert.Equal(200, status);
        Assert.Equal(5, Field(body, "opened") + Field(body, "joined"));
        var blob = Assert.Single(await RawBlobsAsync());
        var refs = await PayloadRefsAsync(body!["incidents"]!.AsArray().Select(n => (string)n!));
        var store = services.GetRequiredService<IPayloadStore>();
        foreach (var summary in summaries)
        {
            var found = new List<string>();
            foreach (var reference in refs.Distinct())
            {
                if ((await store.GetAsync(reference))?.Contains(summary, StringComparison.Ordinal) == true)
                {
                    found.Add(reference);
                }
            }
            var reference1 = Assert.Single(found);
            var parsed = PayloadReference.Parse(reference1);
            Assert.Equal(blob, parsed.Blob);
            Assert.True(parsed.IsSlice);
            Assert.NotNull(parsed.Sha256Hex);
        }
    }

    [Fact]
    public async Task GetAsync_PerEventReferenceWrittenBeforeDeliveryBlobs_StillResolves()
    {
        var store = services.GetRequiredService<IPayloadStore>();
        var reference = await store.PutAsync("0123456789abcdef0123456789abcdef", "{\"Summary\":\"an older alert\"}");

        var content = await store.GetAsync(reference);

        Assert.Equal($"blob:{Names.RawPayloadContainer}/0123456789abcdef0123456789abcdef.json", reference);
        Assert.Equal("{\"Summary\":\"an older alert\"}", content);
    }

    [Fact]
    public async Task GetAsync_SliceWhoseRecordedHashDoesNotMatch_ThrowsNamingTheReference()
    {
        var store = services.GetRequiredService<IPayloadStore>();
        var references = await store.PutDeliveryAsync(["{\"a\":1}", "{\"b\":2}"]);
        var parsed = PayloadReference.Parse(references[1]);
        var forged = (parsed with { Sha256Hex = new string('0', 64) }).ToString();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.GetAsync(forged));

        Assert.Equal("{\"b\":2}", await store.GetAsync(references[1]));
        Assert.Contains(forged, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_RedeliveredEventInAClaimBatchWithNewOnes_BatchFallsBackPerEventAndKeepsEachOnce()
    {
        var ids = IdsInOnePartition(3);
        var first = Event(ids[0], "first delivery " + ids[0]);
        var (firstStatus, _, _) = await PostAsync(Batch(first));

        // The same partition holds the redelivered event's claim: the batch's transaction fails whole on it (409).
        var (status, body, _) = await PostAsync(Batch(first.DeepClone().AsObject(), Event(ids[1], "new " + ids[1]), Event(ids[2], "new " + ids[2])));

        Assert.Equal(200, firstStatus);
        Assert.Equal(200, status);
        Assert.Equal(1, Field(body, "duplicates"));
        Assert.Equal(2, Field(body, "opened") + Field(body, "joined"));
        var ingestion = services.GetRequiredService<IngestionService>();
        foreach (var id in ids)
        {
            Assert.NotNull(await ingestion.FindOutcomeAsync(KeyOf(id)));
        }
        var (againStatus, again, _) = await PostAsync(Batch(first.DeepClone().AsObject(), Event(ids[1], "new " + ids[1]), Event(ids[2], "new " + ids[2])));
        Assert.Equal(200, againStatus);
        Assert.Equal(3, Field(again, "duplicates"));
    }

    [Fact]
    public async Task PostAsync_DeliveryMixingGoodAndBadEvents_EachRejectedRowRecordedOnceWithItsReason()
    {
        var undated = Guid.NewGuid().ToString();
        var unknown = Guid.NewGuid().ToString();
        var delivery = Batch(
            Event(Guid.NewGuid().ToString(), "good one"),
            Event(undated, "no date", withDate: false),
            Event(unknown, "odd type", type: "Example.Unknown.Thing"),
            Event(Guid.NewGuid().ToString(), "good two"));

        var (status, body, _) = await PostAsync(delivery);
        var (againStatus, again, _) = await PostAsync(delivery);

        Assert.Equal(200, status);
        Assert.Equal(2, Field(body, "rejected"));
        Assert.Equal(2, Field(body, "opened") + Field(body, "joined"));
        Assert.Equal(200, againStatus);
        Assert.Equal(4, Field(again, "duplicates"));
        var rows = await services.GetRequiredService<RejectedEventStore>().ListAsync(100);
        var undatedRow = Assert.Single(rows, r => r.EventId == undated);
        Assert.Contains("EventDate", undatedRow.Reason, StringComparison.Ordinal);
        var unknownRow = Assert.Single(rows, r => r.EventId == unknown);
        Assert.Contains("Unknown event type", unknownRow.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_BudgetSpentBeforeTheEventsAreDone_503WithRetryAfterAndTheRedeliveryLosesNothing()
    {
        await using var hurried = Services(budget: "00:00:00");
        var delivery = Batch([.. Enumerable.Range(0, 3).Select(i => Event(Guid.NewGuid().ToString(), $"budget {i}"))]);

        var (status, body, retryAfter) = await PostAsync(hurried, delivery, host);
        var (redelivered, summary, _) = await PostAsync(delivery);

        Assert.Equal(503, status);
        Assert.False(string.IsNullOrEmpty(retryAfter));
        Assert.Equal(0, Field(body, "opened") + Field(body, "joined"));
        Assert.Equal(200, redelivered);
        Assert.Equal(3, Field(summary, "opened") + Field(summary, "joined"));
        Assert.Equal(0, Field(summary, "duplicates"));
    }
}
