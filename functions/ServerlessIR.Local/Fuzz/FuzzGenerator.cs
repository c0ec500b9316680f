using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessIR.Local.Fuzz;

/// <summary>
/// The deliveries of one fuzz run, the same for the same seed and corpus: single events and batches of mutated real payloads,
/// batches mixing good and bad events and both schemas, wrong content types, bodies that are not JSON, oversized deliveries
/// (by bytes and by number of events), a subscription-validation event inside a batch, Event Grid lifecycle events, and
/// redeliveries of earlier deliveries, as Event Grid sends them at least once.
/// </summary>
/// <remarks>
/// Most events are made invalid on purpose; about one in twenty is a real payload left valid or changed only as a real
/// source might (long free text, an extra field). Those open or join incidents, through the identifiers of the corpus,
/// so a run opens a handful of incidents however many events it sends.
/// </remarks>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "A fuzz run must repeat exactly for its seed; nothing here is a secret.")]
public sealed class FuzzGenerator
{
    /// <summary>Event Grid's limit for one delivery; an oversized delivery goes above it.</summary>
    public const int MaxDeliveryBytes = 1024 * 1024;

    /// <summary>Event Grid's largest output batch: a delivery with more events than this is oversized by count.</summary>
    public const int MaxEventsPerDelivery = 5_000;

    private const string CloudEventsJson = "application/cloudevents+json";
    private const string CloudEventsBatchJson = "application/cloudevents-batch+json";
    private const string EventGridJson = "application/json";
    private const string Topic = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ir/providers/Microsoft.EventGrid/topics/evgt-ir";

    private static readonly string?[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz",
        null, "application/json; charset=utf-16", "application/octet-stream", "text/html; charset=utf-8",
    ];

    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("single", 34), ("batch", 26), ("mixed-schema-batch", 5), ("wrong-content-type", 8), ("not-json", 7),
        ("validation-in-batch", 4), ("validation-alone", 1), ("lifecycle", 2), ("oversized", 2), ("too-many-events", 1),
        ("redelivery", 5), ("duplicate-in-batch", 2),
    ];

    private readonly IReadOnlyList<FuzzSeed> corpus;
    private readonly int seed;
    private readonly Random random;
    private readonly FuzzMutator mutator;
    private readonly DateTimeOffset now;
    private readonly List<FuzzDelivery> redeliverable = [];
    private int eventNumber;
    private bool sentTooMany;

    public FuzzGenerator(IReadOnlyList<FuzzSeed> corpus, int seed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (corpus.Count == 0) throw new ArgumentException("The corpus is empty.", nameof(corpus));
        this.corpus = corpus;
        this.seed = seed;
        this.now = now;
        random = new Random(seed);
        mutator = new FuzzMutator(random);
    }

    /// <summary>Deliveries holding exactly <paramref name="events"/> events in all (redelivered ones count again).</summary>
    public IEnumerable<FuzzDelivery> Deliveries(int events)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(events);
        var remaining = events;
        for (var number = 1; remaining > 0; number++)
        {
            var delivery = Next(number, remaining);
            remaining -= delivery.Events.Count;
            if (delivery.Events.Count <= 20 && delivery.Kind != "redelivery")
            {
                redeliverable.Add(delivery);
                if (redeliverable.Count > 50) redeliverable.RemoveAt(0);
            }
            yield return delivery;
        }
    }

    private FuzzDelivery Next(int number, int remaining)
    {
        var kind = PickKind();
        switch (kind)
        {
            case "batch" when remaining >= 2:
                return Batch(number, kind, random.Next(2, Math.Min(12, remaining) + 1), mixSchemas: false);
            case "mixed-schema-batch" when remaining >= 2:
                return Batch(number, kind, random.Next(2, Math.Min(8, remaining) + 1), mixSchemas: true);
            case "wrong-content-type":
                var wrong = Batch(number, kind, random.Next(1, Math.Min(3, remaining) + 1), mixSchemas: false);
                return wrong with { ContentType = WrongContentTypes[random.Next(WrongContentTypes.Length)] };
            case "not-json":
                return NotJson(number);
            case "validation-in-batch" when remaining >= 2:
                return WithSystemEvent(number, kind, Validation(), FuzzEventRole.Handshake, random.Next(1, Math.Min(6, remaining - 1) + 1));
            case "validation-alone":
                return WithSystemEvent(number, kind, Validation(), FuzzEventRole.Handshake, 0);
            case "lifecycle":
                return WithSystemEvent(number, kind, SubscriptionDeleted(), FuzzEventRole.Lifecycle, random.Next(0, Math.Min(3, remaining - 1) + 1));
            case "oversized":
                return Oversized(number);
            case "too-many-events" when remaining > MaxEventsPerDelivery && !sentTooMany:
                // Once per run: it takes over half of a 10,000-event run's events by itself.
                sentTooMany = true;
                return TooMany(number);
            case "redelivery" when redeliverable.Count > 0:
                var earlier = redeliverable[random.Next(redeliverable.Count)];
                if (earlier.Events.Count <= remaining)
                {
                    return earlier with { Number = number, Kind = $"redelivery of #{earlier.Number} ({earlier.Kind})" };
                }
                goto default;
            case "duplicate-in-batch" when remaining >= 2:
                var item = Alert(cloud: random.Next(2) == 0);
                var body = "[" + item.Json + "," + item.Json + "]";
                return new FuzzDelivery(number, kind, mutator.RenderText(body), item.Cloud ? CloudEventsBatchJson : EventGridJson,
                    [item.Event, item.Event]);
            default:
                return Batch(number, "single", 1, mixSchemas: false);
        }
    }

    private string PickKind()
    {
        var total = Kinds.Sum(k => k.Weight);
        var roll = random.Next(total);
        foreach (var (kind, weight) in Kinds)
        {
            if (roll < weight) return kind;
            roll -= weight;
        }
        return "single";
    }

    private FuzzDelivery Batch(int number, string kind, int count, bool mixSchemas)
    {
        var cloud = random.Next(2) == 0;
        var items = Enumerable.Range(0, count).Select(_ => Alert(mixSchemas ? random.Next(2) == 0 : cloud)).ToList();
        // A lone CloudEvent goes structured (an object), as Event Grid delivers one without batching; sometimes as a batch of one.
        if (count == 1 && cloud && !mixSchemas && random.Next(4) > 0)
        {
            return new FuzzDelivery(number, kind, mutator.RenderText(items[0].Json), CloudEventsJson, [items[0].Event]);
        }
        var body = "[" + string.Join(",", items.Select(i => i.Json)) + "]";
        var contentType = mixSchemas || !cloud ? EventGridJson : CloudEventsBatchJson;
        return new FuzzDelivery(number, kind, mutator.RenderText(body), contentType, [.. items.Select(i => i.Event)]);
    }

    private FuzzDelivery WithSystemEvent(int number, string kind, JsonObject system, FuzzEventRole role, int alerts)
    {
        var items = Enumerable.Range(0, alerts).Select(_ => Alert(cloud: false)).ToList();
        var at = random.Next(items.Count + 1);
        var systemJson = system.ToJsonString();
        var parts = items.Select(i => i.Json).ToList();
        parts.Insert(at, systemJson);
        var events = items.Select(i => i.Event).ToList();
        events.Insert(at, new FuzzEvent((string?)system["id"], true, role, "system", "", FuzzText.Preview(systemJson)));
        return new FuzzDelivery(number, kind, mutator.RenderText("[" + string.Join(",", parts) + "]"), EventGridJson, events);
    }

    private FuzzDelivery NotJson(int number)
    {
        var item = Alert(cloud: random.Next(2) == 0);
        var json = item.Json;
        (string what, string text) = random.Next(12) switch
        {
            0 => ("empty body", ""),
            1 => ("whitespace", "  \r\n\t "),
            2 => ("null", "null"),
            3 => ("a number", "42"),
            4 => ("an empty array", "[]"),
            5 => ("an empty object", "{}"),
            6 => ("truncated JSON", json[..(json.Length / 2)]),
            7 => ("a byte order mark before the JSON", "\uFEFF[" + json + "]"),
            8 => ("a trailing comma", "[" + json + ",]"),
            9 => ("a comment", "/* fuzz */ [" + json + "]"),
            10 => ("two concatenated objects", json + json),
            _ => ("single quotes", json.Replace('"', '\'')),
        };
        // Only the byte-order-mark body may be read as an event, so only it keeps an ID the rejected table could show.
        var evt = item.Event with { IdIntact = item.Event.IdIntact && what.StartsWith("a byte order", StringComparison.Ordinal), Mutations = what, Identity = "raw:" + text };
        return new FuzzDelivery(number, "not-json", mutator.RenderText(text), item.Cloud ? CloudEventsJson : EventGridJson, [evt]);
    }

    private FuzzDelivery Oversized(int number)
    {
        var item = Alert(cloud: random.Next(2) == 0, mutate: false);
        var node = JsonNode.Parse(item.Json)!.AsObject();
        if (node["data"] is JsonObject data)
        {
            data["padding"] = new string('P', MaxDeliveryBytes + 1_000);
        }
        else
        {
            node["padding"] = new string('P', MaxDeliveryBytes + 1_000);
        }
        var evt = item.Event with { Mutations = "padded above 1 MB" };
        return new FuzzDelivery(number, "oversized", mutator.Render(new JsonArray(node)), item.Cloud ? CloudEventsBatchJson : EventGridJson, [evt]);
    }

    private FuzzDelivery TooMany(int number)
    {
        var count = MaxEventsPerDelivery + 1 + random.Next(100);
        var body = new StringBuilder("[");
        var events = new List<FuzzEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var id = NextId();
            var json = string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"{id}\",\"eventType\":\"Fuzz.Tiny\",\"subject\":\"s\",\"eventTime\":\"2026-11-30T00:00:00Z\",\"dataVersion\":\"1\",\"data\":{{}}}}");
            body.Append(i == 0 ? "" : ",").Append(json);
            events.Add(new FuzzEvent(id, true, FuzzEventRole.Alert, "tiny", "one of many tiny events", json));
        }
        return new FuzzDelivery(number, "too-many-events", Encoding.UTF8.GetBytes(body.Append(']').ToString()), EventGridJson, events);
    }

    /// <summary>One alert from the corpus with a fresh ID: untouched, mildly changed or made hostile.</summary>
    private (FuzzEvent Event, string Json, bool Cloud) Alert(bool cloud, bool mutate = true)
    {
        var candidates = corpus.Where(s => s.IsCloudEvent == cloud).ToList();
        var origin = candidates.Count > 0 ? candidates[random.Next(candidates.Count)] : corpus[random.Next(corpus.Count)];
        var node = (JsonObject)origin.Event.DeepClone();
        var id = NextId();
        node["id"] = id;
        if (node["data"] is JsonObject data && data.ContainsKey("EventIdentifier"))
        {
            data["EventIdentifier"] = id;
        }
        var idTouched = false;
        var roll = random.Next(100);
        var mutations = !mutate || roll < 2 ? "" : roll < 6 ? mutator.Mild(node) : mutator.Hostile(node, out idTouched);
        var json = node.ToJsonString(FuzzMutator.Json);
        var intact = !idTouched && node["id"] is JsonValue v && v.TryGetValue<string>(out var kept) && kept == id;
        return (new FuzzEvent(id, intact, FuzzEventRole.Alert, origin.Name, mutations, FuzzText.Preview(json)) { Identity = intact ? null : HostIdentity(node, json, origin.IsCloudEvent) },
            json, origin.IsCloudEvent);
    }

    /// <summary>The host's deduplication key for a rejected event, in the terms of <see cref="FuzzEvent.Identity"/>: the
    /// source (a CloudEvent's <c>source</c>; an EventGridEvent's topic and subject) with a non-empty string ID, else the raw
    /// event.</summary>
    private static string HostIdentity(JsonObject node, string json, bool cloud)
    {
        var id = node["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var text) ? text : null;
        var source = cloud
            ? (node["source"] is JsonValue s && s.TryGetValue<string>(out var src) ? src : null)
            : (node["topic"] is JsonValue t && t.TryGetValue<string>(out var topic) ? topic : "eventgrid") + "/"
              + (node["subject"] is JsonValue u && u.TryGetValue<string>(out var subject) ? subject : null);
        return !string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(source) ? "id:" + source + "\n" + id : "raw:" + json;
    }

    private string NextId() => string.Create(CultureInfo.InvariantCulture, $"fuzz-{seed}-{++eventNumber:D6}");

    private JsonObject Validation() => SystemEvent("Microsoft.EventGrid.SubscriptionValidationEvent", "", "2", new JsonObject
    {
        ["validationCode"] = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
        ["validationUrl"] = "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/ir/validate?id=512d38b6&t=2026-11-30",
    });

    private JsonObject SubscriptionDeleted() => SystemEvent("Microsoft.EventGrid.SubscriptionDeletedEvent", Topic + "/eventSubscriptions/ir", "1",
        new JsonObject { ["eventSubscriptionId"] = Topic + "/eventSubscriptions/ir" });

    /// <summary>One of Event Grid's own events, in the EventGridEvent schema, as its documentation shows them.</summary>
    private JsonObject SystemEvent(string type, string subject, string dataVersion, JsonObject data) => new()
    {
        ["id"] = NextId(),
        ["topic"] = Topic,
        ["subject"] = subject,
        ["data"] = data,
        ["eventType"] = type,
        ["eventTime"] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["metadataVersion"] = "1",
        ["dataVersion"] = dataVersion,
    };
}
