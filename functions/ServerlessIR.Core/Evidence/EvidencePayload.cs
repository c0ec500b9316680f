using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Evidence;

/// <summary>Lenient readers for payload members: reports must render whatever a record holds.</summary>
public static class EvidencePayload
{
    /// <summary>A member as display text: strings as they are, anything else as compact JSON, missing as null.</summary>
    public static string? Text(JsonObject? payload, string name)
    {
        var node = payload?[name];
        return node switch
        {
            null => null,
            // A node built in memory may hold a DateTimeOffset or Guid that serializes as a string but is not one yet.
            JsonValue v when v.GetValueKind() == JsonValueKind.String =>
                v.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(v.ToJsonString()),
            _ => node.ToJsonString(),
        };
    }

    /// <summary>A member read as an instant; null when missing or not a date.</summary>
    public static DateTimeOffset? Time(JsonObject? payload, string name) =>
        Text(payload, name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    /// <summary>A member read as a boolean; null when missing.</summary>
    public static bool? Flag(JsonObject? payload, string name) =>
        payload?[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>A nested object, or null.</summary>
    public static JsonObject? Object(JsonObject? payload, string name) => payload?[name] as JsonObject;

    /// <summary>The elements of an array member (empty when missing).</summary>
    public static IEnumerable<JsonNode?> Array(JsonObject? payload, string name) => payload?[name] as JsonArray ?? [];

    /// <summary>Elements of an array member as display text, joined.</summary>
    public static string? List(JsonObject? payload, string name) =>
        payload?[name] is JsonArray array
            ? string.Join(", ", array.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : n?.ToJsonString() ?? "null"))
            : null;
}
