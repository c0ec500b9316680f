using System.Runtime.InteropServices;
using System.Text.Json;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>The envelope fields of one CloudEvent that the parser uses.</summary>
/// <remarks>
/// <see cref="TryReadPlain"/> reads them from the already parsed body, without the Azure SDK's <c>CloudEvent.Parse</c>
/// (which copies the event's bytes, parses them again and serialises its data once more), but only for the plain shape
/// the SDK's strict parse accepts as it is and reads to the same values: the required attributes as strings,
/// <c>specversion</c> "1.0", <c>time</c> what <see cref="JsonElement.TryGetDateTimeOffset"/> reads (the SDK's own call)
/// or, absent or null, the time it is read (the SDK's default), the optional attributes as strings or null, <c>data</c> a JSON object, and extension attributes the
/// SDK's rules allow (lower-case ASCII letters and digits; a string, a 32-bit integer or a boolean). Anything else, valid
/// or not, is left to the SDK, so what it rejects keeps the SDK's reason word for word. The caller has already refused
/// duplicate names and nesting deeper than the SDK reads.
/// </remarks>
internal readonly record struct CloudEventEnvelope(string Id, string Source, string Type, DateTimeOffset? Time, string? Subject)
{
    public static bool TryReadPlain(JsonElement item, out CloudEventEnvelope envelope)
    {
        envelope = default;
        string? id = null, source = null, type = null, subject = null;
        DateTimeOffset? time = null;
        bool specVersion = false, data = false;
        foreach (var property in item.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("id"u8))
            {
                if (!TryString(value, out id)) return false;
            }
            else if (property.NameEquals("source"u8))
            {
                if (!TryString(value, out source)) return false;
            }
            else if (property.NameEquals("type"u8))
            {
                if (!TryString(value, out type)) return false;
            }
            else if (property.NameEquals("specversion"u8))
            {
                if (value.ValueKind != JsonValueKind.String || !value.ValueEquals("1.0"u8)) return false;
                specVersion = true;
            }
            else if (property.NameEquals("time"u8))
            {
                if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at)) time = at;
                else if (value.ValueKind != JsonValueKind.Null) return false;
            }
            else if (property.NameEquals("data"u8))
            {
                if (value.ValueKind != JsonValueKind.Object) return false;
                data = true;
            }
            else if (property.NameEquals("subject"u8))
            {
                if (!TryOptionalString(value, out subject)) return false;
            }
            else if (property.NameEquals("datacontenttype"u8) || property.NameEquals("dataschema"u8))
            {
                if (!TryOptionalString(value, out _)) return false;
            }
            else if (property.NameEquals("data_base64"u8) || !IsPlainExtension(property))
            {
                return false;
            }
        }
        if (id is null || source is null || type is null || !specVersion || !data)
        {
            return false;
        }
        // As the SDK does: an event that says no time gets the time it is read.
        envelope = new CloudEventEnvelope(id, source, type, time ?? DateTimeOffset.UtcNow, subject);
        return true;
    }

    private static bool TryString(JsonElement value, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text is not null;
    }

    private static bool TryOptionalString(JsonElement value, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return value.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }

    /// <summary>An extension attribute the SDK takes as it is: a name of [a-z0-9] written without escapes, a value it allows.</summary>
    private static bool IsPlainExtension(JsonProperty property)
    {
        var name = JsonMarshal.GetRawUtf8PropertyName(property);
        if (name.IsEmpty)
        {
            return false;
        }
        foreach (var b in name)
        {
            if (b is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')))
            {
                return false;
            }
        }
        var value = property.Value;
        return value.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False ||
               (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _));
    }
}
