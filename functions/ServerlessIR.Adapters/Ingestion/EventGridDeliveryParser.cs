using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Reads an Event Grid webhook body in either schema: EventGridEvent arrays, CloudEvents 1.0 structured single
/// (<c>application/cloudevents+json</c>) or batch (<c>application/cloudevents-batch+json</c>). Each event is parsed on its own
/// with the Azure SDK, so one bad event is rejected alone and the good ones in its batch go on.
/// </summary>
public static class EventGridDeliveryParser
{
    private const string ValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";

    public static DeliveryParseResult Parse(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return DeliveryParseResult.Invalid($"The body is not JSON: {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            IReadOnlyList<JsonElement> items = root.ValueKind switch
            {
                JsonValueKind.Array => [.. root.EnumerateArray()],
                JsonValueKind.Object => [root],
                _ => [],
            };
            if (root.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
            {
                return DeliveryParseResult.Invalid($"The body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an event or an array of events.");
            }
            if (items.Count == 0)
            {
                return DeliveryParseResult.Invalid("The body is an empty array: a delivery holds at least one event.");
            }
            if (root.ValueKind == JsonValueKind.Object && SchemaOf(root) is null)
            {
                return DeliveryParseResult.Invalid(
                    "The body is neither an EventGridEvent (needs 'eventType') nor a CloudEvent (needs 'specversion').");
            }

            var events = new List<IncomingEvent>();
            var rejected = new List<RejectedEvent>();
            foreach (var item in items)
            {
                var raw = item.GetRawText();
                switch (SchemaOf(item))
                {
                    case "eventgrid":
                        var validation = ReadEventGrid(item, raw, now, events, rejected);
                        if (validation is not null)
                        {
                            return new DeliveryParseResult(validation, [], [], null);
                        }
                        break;
                    case "cloudevents":
                        ReadCloudEvent(item, raw, now, events, rejected);
                        break;
                    default:
                        rejected.Add(new RejectedEvent(Text(item, "id"), null,
                            "Neither an EventGridEvent (needs 'eventType') nor a CloudEvent (needs 'specversion').", raw, now));
                        break;
                }
            }
            return new DeliveryParseResult(null, events, rejected, null);
        }
    }

    private static string? SchemaOf(JsonElement item) =>
        item.ValueKind != JsonValueKind.Object ? null
        : item.TryGetProperty("specversion", out _) ? "cloudevents"
        : item.TryGetProperty("eventType", out _) ? "eventgrid"
        : null;

    private static string? ReadEventGrid(JsonElement item, string raw, DateTimeOffset now, List<IncomingEvent> events, List<RejectedEvent> rejected)
    {
        EventGridEvent parsed;
        try
        {
            parsed = EventGridEvent.Parse(BinaryData.FromString(raw));
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            rejected.Add(new RejectedEvent(Text(item, "id"), Text(item, "eventType"), $"Not a valid EventGridEvent: {ex.Message}", raw, now));
            return null;
        }
        if (parsed.EventType == ValidationEventType &&
            parsed.TryGetSystemEventData(out var system) && system is SubscriptionValidationEventData validation)
        {
            return validation.ValidationCode;
        }
        if (!TryData(parsed.Data, out var data, out var problem))
        {
            rejected.Add(new RejectedEvent(parsed.Id, parsed.EventType, problem, raw, now));
            return null;
        }
        var source = (parsed.Topic ?? "eventgrid") + "/" + parsed.Subject;
        events.Add(new IncomingEvent(parsed.Id, source, parsed.EventType, parsed.EventTime, data, raw));
        return null;
    }

    private static void ReadCloudEvent(JsonElement item, string raw, DateTimeOffset now, List<IncomingEvent> events, List<RejectedEvent> rejected)
    {
        CloudEvent? parsed;
        try
        {
            parsed = CloudEvent.Parse(BinaryData.FromString(raw), skipValidation: false);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            rejected.Add(new RejectedEvent(Text(item, "id"), Text(item, "type"), $"Not a valid CloudEvent 1.0: {ex.Message}", raw, now));
            return;
        }
        if (parsed is null)
        {
            rejected.Add(new RejectedEvent(Text(item, "id"), Text(item, "type"), "Not a valid CloudEvent 1.0: empty", raw, now));
            return;
        }
        if (!TryData(parsed.Data, out var data, out var problem))
        {
            rejected.Add(new RejectedEvent(parsed.Id, parsed.Type, problem, raw, now));
            return;
        }
        events.Add(new IncomingEvent(parsed.Id, parsed.Source, parsed.Type, parsed.Time, data, raw));
    }

    private static bool TryData(BinaryData? data, out JsonElement element, out string problem)
    {
        element = default;
        problem = "";
        if (data is null || data.ToMemory().IsEmpty)
        {
            problem = "The event has no data.";
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(data.ToMemory());
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "The event's data is not a JSON object.";
                return false;
            }
            element = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"The event's data is not JSON: {ex.Message}";
            return false;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
