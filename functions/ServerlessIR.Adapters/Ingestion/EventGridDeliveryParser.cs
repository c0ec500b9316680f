using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
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
/// <remarks>
/// A subscription validation event is answered whatever else the batch holds, and the other events are read as usual
/// (Event Grid sends the handshake alone; a batch that mixes them is read in full rather than cut short). Event Grid's own
/// lifecycle events are acknowledged, not rejected. The envelope's identifiers are held to <see cref="IngestionLimits"/>.
/// </remarks>
public static class EventGridDeliveryParser
{
    private const string ValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";

    // The Azure SDK's event parsers read 64 levels; the body may nest a little deeper so one such event is rejected alone.
    private const int MaxEventDepth = 64;
    private const int MaxBodyDepth = 256;

    // Up to this many properties an object's names are compared pairwise; more go through a set.
    private const int SmallObject = 16;

    // An array body read with these has no name twice in one object (names compared unescaped, as ShapeProblem does),
    // and each event in it is at most 63 objects and arrays deep (the body's array is the 64th), so no element of an
    // event lies deeper than MaxEventDepth: ShapeProblem would find nothing in any of its events.
    private static readonly JsonDocumentOptions ShapeCheckedBody = new() { MaxDepth = MaxEventDepth, AllowDuplicateProperties = false };

    /// <summary>Event Grid's own events about a subscription's life: acknowledged and logged, never used or rejected.</summary>
    public static readonly IReadOnlySet<string> LifecycleEventTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Microsoft.EventGrid.SubscriptionDeletedEvent",
    };

    public static DeliveryParseResult Parse(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        var (repairedBody, repaired) = JsonSurrogateRepair.Repair(ValidUtf8(body, out var invalidUtf8));
        JsonDocument document;
        var shapeChecked = false;
        try
        {
            // The usual body, an array of events with no name twice in an object and no event nested deeper than
            // MaxEventDepth, passes the parser's own checks, and then no event needs the walk that looks for either.
            document = JsonDocument.Parse(repairedBody, ShapeCheckedBody);
            shapeChecked = document.RootElement.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            try
            {
                // Deeper than the SDK's parsers read (64): one event nested too deep is rejected alone, not its whole batch.
                document = JsonDocument.Parse(repairedBody, new JsonDocumentOptions { MaxDepth = MaxBodyDepth });
            }
            catch (JsonException ex)
            {
                return DeliveryParseResult.Invalid($"The body is not JSON: {ex.Message}");
            }
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
            {
                return DeliveryParseResult.Invalid($"The body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an event or an array of events.");
            }
            var count = root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 1;
            if (count > IngestionLimits.MaxEventsPerDelivery)
            {
                return new DeliveryParseResult(null, [], [], null) { TooManyEvents = count };
            }
            if (count == 0)
            {
                return DeliveryParseResult.Invalid("The body is an empty array: a delivery holds at least one event.");
            }
            if (root.ValueKind == JsonValueKind.Object && SchemaOf(root) is null)
            {
                return DeliveryParseResult.Invalid(
                    "The body is neither an EventGridEvent (needs 'eventType') nor a CloudEvent (needs 'specversion').");
            }

            var reading = new Reading(now);
            IEnumerable<JsonElement> items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : [root];
            foreach (var item in items)
            {
                var raw = item.GetRawText();
                if (!shapeChecked && ShapeProblem(item) is { } shape)
                {
                    reading.Reject(item, raw, null, shape);
                    continue;
                }
                switch (SchemaOf(item))
                {
                    case "eventgrid":
                        ReadEventGrid(item, raw, reading);
                        break;
                    case "cloudevents":
                        ReadCloudEvent(item, raw, reading);
                        break;
                    default:
                        reading.Reject(item, raw, null, "Neither an EventGridEvent (needs 'eventType') nor a CloudEvent (needs 'specversion').");
                        break;
                }
            }
            return new DeliveryParseResult(reading.ValidationCode, reading.Events, reading.Rejected, null)
            {
                Lifecycle = reading.Lifecycle,
                ValidationTopic = reading.ValidationTopic,
                ValidationUrl = reading.ValidationUrl,
                RepairedSurrogates = repaired,
                RepairedUtf8 = invalidUtf8,
            };
        }
    }

    /// <summary>
    /// The body with each ill-formed UTF-8 sequence replaced by U+FFFD, as the lone surrogates are and for the same reason:
    /// System.Text.Json parses such a body and then throws on every read of the string that holds the bad bytes.
    /// </summary>
    private static ReadOnlyMemory<byte> ValidUtf8(ReadOnlyMemory<byte> body, out bool repaired)
    {
        repaired = !Utf8.IsValid(body.Span);
        return repaired ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body.Span)) : body;
    }

    private static string? SchemaOf(JsonElement item) =>
        item.ValueKind != JsonValueKind.Object ? null
        : item.TryGetProperty("specversion", out _) ? "cloudevents"
        : item.TryGetProperty("eventType", out _) ? "eventgrid"
        : null;

    private static void ReadEventGrid(JsonElement item, string raw, Reading reading)
    {
        var source = EventGridSource(Text(item, "topic"), Text(item, "subject"));
        if (EnvelopeProblem(item, "eventType", "topic", "subject") is { } tooLong)
        {
            reading.Reject(item, raw, source, tooLong);
            return;
        }
        EventGridEvent parsed;
        try
        {
            parsed = EventGridEvent.Parse(Utf8Of(item));
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            reading.Reject(item, raw, source, $"Not a valid EventGridEvent: {ex.Message}");
            return;
        }
        if (parsed.EventType == ValidationEventType)
        {
            if (parsed.TryGetSystemEventData(out var system) && system is SubscriptionValidationEventData { ValidationCode: { Length: > 0 } code })
            {
                if (reading.ValidationCode is null)
                {
                    reading.ValidationCode = code;
                    reading.ValidationTopic = parsed.Topic;
                    reading.ValidationUrl = ((SubscriptionValidationEventData)system).ValidationUrl;
                }
            }
            else
            {
                reading.Reject(item, raw, source, "A SubscriptionValidationEvent without data.validationCode.");
            }
            return;
        }
        if (LifecycleEventTypes.Contains(parsed.EventType))
        {
            reading.Lifecycle.Add(new LifecycleEvent(parsed.EventType, parsed.Subject));
            return;
        }
        if (!TryData(item, parsed.Data, out var data, out var problem))
        {
            reading.Reject(item, raw, source, problem);
            return;
        }
        reading.Events.Add(new IncomingEvent(parsed.Id, source, parsed.EventType, parsed.EventTime, data, raw));
    }

    private static void ReadCloudEvent(JsonElement item, string raw, Reading reading)
    {
        // The usual event is read from the parsed body; any other shape goes through the SDK, which judges it.
        string? source;
        BinaryData? sdkData = null;
        if (CloudEventEnvelope.TryReadPlain(item, out var envelope))
        {
            source = envelope.Source;
            if (EnvelopeProblem(envelope) is { } tooLong)
            {
                reading.Reject(item, raw, source, tooLong);
                return;
            }
        }
        else
        {
            source = Text(item, "source");
            if (EnvelopeProblem(item, "type", "source", "subject") is { } tooLong)
            {
                reading.Reject(item, raw, source, tooLong);
                return;
            }
            CloudEvent? parsed;
            try
            {
                parsed = CloudEvent.Parse(Utf8Of(item), skipValidation: false);
            }
            catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException or FormatException)
            {
                reading.Reject(item, raw, source, $"Not a valid CloudEvent 1.0: {ex.Message}");
                return;
            }
            if (parsed is null)
            {
                reading.Reject(item, raw, source, "Not a valid CloudEvent 1.0: empty");
                return;
            }
            envelope = new CloudEventEnvelope(parsed.Id, parsed.Source, parsed.Type, parsed.Time, parsed.Subject);
            sdkData = parsed.Data;
        }
        if (LifecycleEventTypes.Contains(envelope.Type))
        {
            reading.Lifecycle.Add(new LifecycleEvent(envelope.Type, envelope.Subject ?? envelope.Source));
            return;
        }
        if (!TryData(item, sdkData, out var data, out var problem))
        {
            reading.Reject(item, raw, source, problem);
            return;
        }
        reading.Events.Add(new IncomingEvent(envelope.Id, envelope.Source, envelope.Type, envelope.Time, data, raw));
    }

    /// <summary>
    /// As <see cref="EnvelopeProblem(JsonElement, string, string, string)"/> for a plain CloudEvent, whose fields are the
    /// very strings that would read, checked in the same order.
    /// </summary>
    private static string? EnvelopeProblem(CloudEventEnvelope envelope) =>
        TooLong("id", envelope.Id, IngestionLimits.MaxEventIdChars)
        ?? TooLong("type", envelope.Type, IngestionLimits.MaxEventTypeChars)
        ?? TooLong("source", envelope.Source, IngestionLimits.MaxSourceChars)
        ?? TooLong("subject", envelope.Subject, IngestionLimits.MaxSourceChars);

    private static string? TooLong(string field, string? value, int max) =>
        value is not null && value.Length > max ? IngestionLimits.TooLong(field, value.Length, max) : null;

    /// <summary>The first envelope field over its limit (<see cref="IngestionLimits"/>), as a reason naming it; else null.</summary>
    private static string? EnvelopeProblem(JsonElement item, string typeField, string sourceField, string subjectField) =>
        TooLong(item, "id", IngestionLimits.MaxEventIdChars)
        ?? TooLong(item, typeField, IngestionLimits.MaxEventTypeChars)
        ?? TooLong(item, sourceField, IngestionLimits.MaxSourceChars)
        ?? TooLong(item, subjectField, IngestionLimits.MaxSourceChars);

    /// <summary>The reason when the string field <paramref name="name"/> is longer than <paramref name="max"/> characters.</summary>
    private static string? TooLong(JsonElement item, string name, int max)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        // A string has no more UTF-16 characters than its written UTF-8 bytes (escapes included), so a short one is not
        // decoded just to count them.
        if (JsonMarshal.GetRawUtf8Value(value).Length - 2 <= max)
        {
            return null;
        }
        var length = value.GetString()!.Length;
        return length > max ? IngestionLimits.TooLong(name, length, max) : null;
    }

    /// <summary>
    /// A property name that appears twice in one object, or nesting deeper than an event may be, as a reason; else null.
    /// Readers disagree on duplicates (one takes the first, another the last), so an event that has one means two things.
    /// </summary>
    private static string? ShapeProblem(JsonElement item) => HasShapeProblem(item, 1) ? DescribeShapeProblem(item) : null;

    /// <summary>The check alone, allocating nothing for the usual small objects: their names are compared as UTF-8 bytes.</summary>
    private static bool HasShapeProblem(JsonElement element, int depth)
    {
        if (depth > MaxEventDepth)
        {
            return true;
        }
        if (element.ValueKind == JsonValueKind.Object)
        {
            var count = 0;
            foreach (var property in element.EnumerateObject())
            {
                count++;
                if (HasShapeProblem(property.Value, depth + 1))
                {
                    return true;
                }
            }
            return count > 1 && HasDuplicateName(element, count);
        }
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in element.EnumerateArray())
            {
                if (HasShapeProblem(value, depth + 1))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool HasDuplicateName(JsonElement element, int count)
    {
        if (count > SmallObject)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    return true;
                }
            }
            return false;
        }
        var i = 0;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (name.Contains((byte)'\\'))
            {
                // An escaped name may spell another one differently: compare decoded names.
                return HasDuplicateName(element, int.MaxValue);
            }
            var j = 0;
            foreach (var earlier in element.EnumerateObject())
            {
                if (j++ >= i)
                {
                    break;
                }
                if (JsonMarshal.GetRawUtf8PropertyName(earlier).SequenceEqual(name))
                {
                    return true;
                }
            }
            i++;
        }
        return false;
    }

    private static string? DescribeShapeProblem(JsonElement item)
    {
        var pending = new Stack<(JsonElement Element, string Path, int Depth)>();
        pending.Push((item, "", 1));
        while (pending.Count > 0)
        {
            var (element, path, depth) = pending.Pop();
            if (depth > MaxEventDepth)
            {
                return $"The event is nested deeper than {MaxEventDepth} levels (at '{Shorten(path)}').";
            }
            if (element.ValueKind == JsonValueKind.Object)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (!names.Add(property.Name))
                    {
                        return $"The property '{Shorten(at)}' appears more than once.";
                    }
                    pending.Push((property.Value, at, depth + 1));
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var value in element.EnumerateArray())
                {
                    pending.Push((value, $"{path}[{index++}]", depth + 1));
                }
            }
        }
        return null;
    }

    private static string Shorten(string path) => path.Length <= 200 ? path : path[..200] + "…";

    private static string EventGridSource(string? topic, string? subject) => (topic ?? "eventgrid") + "/" + subject;

    private static BinaryData Utf8Of(JsonElement item) => BinaryData.FromBytes(JsonMarshal.GetRawUtf8Value(item).ToArray());

    private static bool TryData(JsonElement item, BinaryData? data, out JsonElement element, out string problem)
    {
        // The event's data as the body held it, already parsed: a copy, not a third parse of the same bytes. The SDK's data
        // is used only when the body's is not a JSON object (data_base64, a string), and then judged as before.
        if (item.TryGetProperty("data", out var inBody) && inBody.ValueKind == JsonValueKind.Object)
        {
            element = inBody.Clone();
            problem = "";
            return true;
        }
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
                problem = $"The event's data is a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object.";
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

    /// <summary>What one body's events became, gathered while reading them.</summary>
    private sealed class Reading(DateTimeOffset now)
    {
        public string? ValidationCode { get; set; }
        public string? ValidationTopic { get; set; }
        public string? ValidationUrl { get; set; }
        public List<IncomingEvent> Events { get; } = [];
        public List<RejectedEvent> Rejected { get; } = [];
        public List<LifecycleEvent> Lifecycle { get; } = [];

        public void Reject(JsonElement item, string raw, string? source, string reason) =>
            Rejected.Add(new RejectedEvent(Text(item, "id"), Text(item, "type") ?? Text(item, "eventType"), reason, raw, now) { Source = source });
    }
}
