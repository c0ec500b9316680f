using System.Text;
using System.Text.Json;
using Azure.Messaging;
using ServerlessIR.Adapters.Ingestion;

namespace ServerlessIR.Adapters.Tests.Ingestion;

/// <summary>
/// The parser reads a plain CloudEvent's envelope from the parsed body instead of through the Azure SDK. These pin that it
/// reads every shape as the SDK's strict <c>CloudEvent.Parse</c> does: the same ID, source, type, time and subject, and
/// for what the SDK refuses, the SDK's reason word for word.
/// </summary>
public sealed class EventGridDeliveryParserSdkAgreementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private const string Envelope = """
        "specversion": "1.0", "type": "Salesforce.EventMonitoring.SessionHijackingEvent",
        "source": "/salesforce/orgs/northwind-prod/SessionHijackingEventStore", "id": "e-1"
        """;

    private const string Data = """ "data": { "EventIdentifier": "e-1", "Summary": "text" } """;

    public static TheoryData<string> Events() => new()
    {
        // Read from the body.
        $$"""{ {{Envelope}}, "time": "2026-11-30T08:00:00.1234567+00:00", "datacontenttype": "application/json", {{Data}} }""",
        $$"""{ {{Envelope}}, {{Data}} }""",
        $$"""{ {{Envelope}}, "time": null, "subject": null, "dataschema": null, {{Data}} }""",
        $$"""{ {{Envelope}}, "time": "2026-11-30T10:00:00+02:00", "subject": "005xx", {{Data}} }""",
        $$"""{ {{Envelope}}, "time": "2026-11-30T08:00:00", {{Data}} }""",
        $$"""{ {{Envelope}}, "traceparent": "00-abc-01", "seq": 5, "flag": true, "off": false, "x1": "", {{Data}} }""",
        $$"""{ "\u0069d": "e-\"2\"", "specversion": "1.0", "type": "t", "source": "s\u00e9", {{Data}} }""",
        $$"""{ {{Envelope}}, "type2": "x", {{Data}} }""",
        // Left to the SDK: it accepts or refuses these.
        $$"""{ {{Envelope}}, "time": "yesterday", {{Data}} }""",
        $$"""{ {{Envelope}}, "time": 5, {{Data}} }""",
        $$"""{ {{Envelope}}, "time": "2026-11-30T08:00:00.000+0000", {{Data}} }""",
        $$"""{ "specversion": "0.3", "type": "t", "source": "s", "id": "e", {{Data}} }""",
        $$"""{ "specversion": null, "type": "t", "source": "s", "id": "e", {{Data}} }""",
        $$"""{ "specversion": 1.0, "type": "t", "source": "s", "id": "e", {{Data}} }""",
        $$"""{ "specversion": "1.0", "type": "t", "source": "s", "id": null, {{Data}} }""",
        $$"""{ "specversion": "1.0", "type": "t", "source": "s", "id": 7, {{Data}} }""",
        $$"""{ "specversion": "1.0", "type": "t", "source": "s", {{Data}} }""",
        $$"""{ "specversion": "1.0", "type": "t", "id": "e", {{Data}} }""",
        $$"""{ "specversion": "1.0", "source": "s", "id": "e", {{Data}} }""",
        $$"""{ "specversion": "1.0", "type": ["t"], "source": "s", "id": "e", {{Data}} }""",
        $$"""{ {{Envelope}}, "subject": 5, {{Data}} }""",
        $$"""{ {{Envelope}}, "datacontenttype": {}, {{Data}} }""",
        $$"""{ {{Envelope}}, "dataschema": true, {{Data}} }""",
        $$"""{ {{Envelope}}, "big": 5000000000, {{Data}} }""",
        $$"""{ {{Envelope}}, "ratio": 1.5, {{Data}} }""",
        $$"""{ {{Envelope}}, "gone": null, {{Data}} }""",
        $$"""{ {{Envelope}}, "nested": { "a": 1 }, {{Data}} }""",
        $$"""{ {{Envelope}}, "list": [1], {{Data}} }""",
        $$"""{ {{Envelope}}, "myExt": "x", {{Data}} }""",
        $$"""{ {{Envelope}}, "my_ext": "x", {{Data}} }""",
        $$"""{ {{Envelope}}, "": "x", {{Data}} }""",
        $$"""{ {{Envelope}}, "\u0061bc": "x", {{Data}} }""",
        $$"""{ {{Envelope}}, "ID": "x", {{Data}} }""",
        $$"""{ {{Envelope}}, "data_base64": "eyJhIjoxfQ==" }""",
        $$"""{ {{Envelope}}, "data_base64": "not base64!" }""",
        $$"""{ {{Envelope}}, "data": "text" }""",
        $$"""{ {{Envelope}}, "data": null }""",
        $$"""{ {{Envelope}}, "data": [1, 2] }""",
        $$"""{ {{Envelope}} }""",
        // Event Grid's lifecycle events, with and without a subject.
        $$"""{ "specversion": "1.0", "type": "Microsoft.EventGrid.SubscriptionDeletedEvent", "source": "/subscriptions/x", "id": "l-1", "subject": "sub", "data": {} }""",
        $$"""{ "specversion": "1.0", "type": "Microsoft.EventGrid.SubscriptionDeletedEvent", "source": "/subscriptions/x", "id": "l-2", "data": {} }""",
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Parse_CloudEvent_ReadsAsTheSdkDoes(string item)
    {
        var before = DateTimeOffset.UtcNow;
        var parsed = EventGridDeliveryParser.Parse(Encoding.UTF8.GetBytes("[" + item + "]"), Now);
        var after = DateTimeOffset.UtcNow;

        CloudEvent? sdk;
        try
        {
            sdk = CloudEvent.Parse(BinaryData.FromString(item), skipValidation: false);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            var rejected = Assert.Single(parsed.Rejected);
            Assert.Equal($"Not a valid CloudEvent 1.0: {ex.Message}", rejected.Reason);
            Assert.Empty(parsed.Events);
            return;
        }
        Assert.NotNull(sdk);
        if (EventGridDeliveryParser.LifecycleEventTypes.Contains(sdk.Type))
        {
            var lifecycle = Assert.Single(parsed.Lifecycle);
            Assert.Equal((sdk.Type, sdk.Subject ?? sdk.Source), (lifecycle.EventType, lifecycle.Subject));
            return;
        }
        using var body = JsonDocument.Parse(item);
        var dataIsObject = body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object;
        if (!dataIsObject)
        {
            // Judged on the SDK's data, as before; not what this pins.
            Assert.Single(parsed.Events.Cast<object>().Concat(parsed.Rejected));
            return;
        }
        var incoming = Assert.Single(parsed.Events);
        Assert.Equal((sdk.Id, sdk.Source, sdk.Type), (incoming.Id, incoming.Source, incoming.Type));
        if (body.RootElement.TryGetProperty("time", out var time) && time.ValueKind != JsonValueKind.Null)
        {
            Assert.Equal(sdk.Time, incoming.Time);
            Assert.Equal(sdk.Time?.Offset, incoming.Time?.Offset);
        }
        else
        {
            // The SDK gives an event without a time the time it reads it.
            Assert.InRange(incoming.Time!.Value, before, after);
            Assert.Equal(TimeSpan.Zero, incoming.Time.Value.Offset);
        }
    }
}
