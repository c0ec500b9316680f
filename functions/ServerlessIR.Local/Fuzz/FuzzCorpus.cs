using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Ingestion.Polling;
using ServerlessIR.Core.Salesforce;
using ServerlessIR.Local.Drill;

namespace ServerlessIR.Local.Fuzz;

/// <summary>
/// The real payloads <c>ir fuzz</c> mutates, one per supported schema and source: every event of the drill scenarios
/// (<c>Scenarios/*.json</c>: CloudEvents with our AI-leak data, and Salesforce threat-detection records turned into the
/// CloudEvents the relay publishes) and the ingestion samples of the tests (<c>Fuzz/Samples/</c>, linked from
/// <c>tests/ServerlessIR.Core.Tests/Samples/Ingestion</c>: EventGridEvents with the Azure Monitor common alert schema and a
/// Salesforce event, a relayed CloudEvent).
/// </summary>
public static class FuzzCorpus
{
    /// <summary>The org the scenarios' Salesforce records belong to, as the relay names it in the event source.</summary>
    private const string RelayOrg = "northwind-prod";

    /// <summary>Loads the corpus from beside the binaries; <paramref name="now"/> fills the scenarios' <c>{now}</c>.</summary>
    public static IReadOnlyList<FuzzSeed> Load(DateTimeOffset now) =>
        Load(Path.Combine(AppContext.BaseDirectory, "Scenarios"), Path.Combine(AppContext.BaseDirectory, "Fuzz", "Samples"), now);

    public static IReadOnlyList<FuzzSeed> Load(string scenariosFolder, string samplesFolder, DateTimeOffset now)
    {
        var seeds = new List<FuzzSeed>();
        var stamp = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        foreach (var file in Files(scenariosFolder))
        {
            var scenario = Scenario.Load(file);
            var name = Path.GetFileNameWithoutExtension(file);
            for (var i = 0; i < scenario.Alerts.Count; i++)
            {
                var alert = scenario.Alerts[i];
                var expanded = Expand(alert.IsSalesforceEventStore ? alert.Record! : alert.Event!, stamp);
                seeds.Add(new FuzzSeed($"{name}#{i + 1}", alert.IsSalesforceEventStore ? Relayed(alert.Store!, expanded, i, now) : expanded));
            }
        }
        foreach (var file in Files(samplesFolder))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var node = JsonNode.Parse(File.ReadAllText(file));
            var items = node is JsonArray array ? array.OfType<JsonObject>().ToList() : [node!.AsObject()];
            for (var i = 0; i < items.Count; i++)
            {
                seeds.Add(new FuzzSeed(items.Count == 1 ? name : $"{name}#{i + 1}", (JsonObject)items[i].DeepClone()));
            }
        }
        if (!seeds.Any(s => s.IsCloudEvent) || !seeds.Any(s => !s.IsCloudEvent))
        {
            throw new InvalidDataException($"The fuzz corpus needs CloudEvents and EventGridEvents; found {seeds.Count} payloads in {scenariosFolder} and {samplesFolder}.");
        }
        return seeds;
    }

    private static JsonObject Expand(JsonObject template, string stamp) =>
        JsonNode.Parse(template.ToJsonString().Replace("{run}", "fuzz", StringComparison.Ordinal).Replace("{now}", stamp, StringComparison.Ordinal))!.AsObject();

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal) : [];

    /// <summary>A scenario's event-store record as the relay publishes it, with the fields Salesforce fills in.</summary>
    private static JsonObject Relayed(string store, JsonObject record, int index, DateTimeOffset now)
    {
        record["Id"] ??= string.Create(CultureInfo.InvariantCulture, $"0YS{index:D12}AAA");
        record["CreatedDate"] ??= SalesforceDates.ToWire(now);
        record["EventIdentifier"] ??= string.Create(CultureInfo.InvariantCulture, $"fuzz-record-{index}");
        var eventName = store.EndsWith("Store", StringComparison.Ordinal) ? store[..^"Store".Length] : store;
        var relayed = SalesforceEventStorePoller.ToEvent(RelayOrg, store, eventName, JsonSerializer.SerializeToElement(record));
        return new JsonObject
        {
            ["specversion"] = "1.0",
            ["type"] = relayed.Type,
            ["source"] = relayed.Source,
            ["id"] = relayed.Id,
            ["time"] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = JsonNode.Parse(relayed.Data.GetRawText()),
        };
    }
}
