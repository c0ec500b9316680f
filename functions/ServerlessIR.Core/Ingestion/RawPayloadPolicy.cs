using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// Keeps only the fields of an alert's <c>data</c> that the playbook allows (<c>ingestion.rawPayloadFields</c>) before the
/// raw alert goes to the restricted store: data minimisation (GDPR Art. 5(1)(c)) for what investigators can read later.
/// The event envelope is kept whole; the names of dropped fields are listed in <c>_droppedFields</c> so a reader knows
/// the copy is partial.
/// </summary>
public static class RawPayloadPolicy
{
    /// <summary>The key that matches Azure Monitor's common alert schema whatever the event type.</summary>
    public const string AzureMonitorKey = "azureMonitorCommonAlertSchema";

    /// <summary>The key for event types no other key matches.</summary>
    public const string DefaultKey = "default";

    private const string NothingKept = """{"_droppedFields":["*"]}""";

    /// <summary>
    /// The raw event with its <c>data</c> reduced to the allowed fields. Keys match an event type exactly, a type prefix
    /// ending in '.', or <see cref="AzureMonitorKey"/> by <c>data.schemaId</c>; <c>*</c> allows every field. With no matching
    /// key and no <see cref="DefaultKey"/>, the event is kept whole.
    /// </summary>
    public static string Minimize(IncomingEvent incoming, IReadOnlyDictionary<string, IReadOnlyList<string>> allowed)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(allowed);
        if (allowed.Count == 0 || JsonNode.Parse(incoming.Raw) is not JsonObject envelope || envelope["data"] is not JsonObject data)
        {
            return incoming.Raw;
        }
        return Minimize(incoming.Type, incoming.Raw, envelope, data, allowed);
    }

    /// <summary>
    /// A rejected event as delivered (<paramref name="raw"/>, of <paramref name="type"/> when it had a readable one) under the
    /// same policy. Stricter where an accepted event cannot go: <c>data</c> that is not an object (a string, an array) is
    /// dropped whole when a key applies, and a copy that is no JSON object keeps nothing but that fact.
    /// </summary>
    public static string MinimizeRejected(string? type, string raw, IReadOnlyDictionary<string, IReadOnlyList<string>> allowed)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(allowed);
        if (allowed.Count == 0)
        {
            return raw;
        }
        try
        {
            if (JsonNode.Parse(raw) is not JsonObject envelope)
            {
                return NothingKept;
            }
            var data = envelope["data"];
            if (data is JsonObject fields)
            {
                return Minimize(type ?? "", raw, envelope, fields, allowed);
            }
            if (data is null || FieldsFor(type ?? "", [], allowed) is not { } keep || keep.Contains("*"))
            {
                return raw;
            }
            envelope.Remove("data");
            envelope["_droppedFields"] = new JsonArray("data");
            return envelope.ToJsonString();
        }
        // Duplicate property names (System.Text.Json.Nodes refuses them) or text that is no JSON: nothing can be kept safely.
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return NothingKept;
        }
    }

    private static string Minimize(string type, string raw, JsonObject envelope, JsonObject data, IReadOnlyDictionary<string, IReadOnlyList<string>> allowed)
    {
        var fields = FieldsFor(type, data, allowed);
        if (fields is null || fields.Contains("*"))
        {
            return raw;
        }
        var dropped = Drop(data, fields, "");
        // The common alert schema as Azure Monitor sends it nests its parts one level down (data.data.essentials,
        // data.data.alertContext): the same list applies there, so essentials stay and alertContext goes.
        if (!dropped.Contains("data", StringComparer.Ordinal) && data["data"] is JsonObject inner && IsAzureMonitor(data))
        {
            dropped.AddRange(Drop(inner, fields, "data."));
        }
        if (dropped.Count == 0)
        {
            return raw;
        }
        envelope["_droppedFields"] = new JsonArray([.. dropped.Select(d => (JsonNode?)d)]);
        return envelope.ToJsonString();
    }

    private static List<string> Drop(JsonObject target, IReadOnlyList<string> fields, string prefix)
    {
        var keepNested = prefix.Length == 0 && IsAzureMonitor(target);
        var dropped = target.Select(p => p.Key)
            .Where(k => !fields.Contains(k, StringComparer.Ordinal) && !(keepNested && k == "data" && target[k] is JsonObject)).ToList();
        foreach (var name in dropped)
        {
            target.Remove(name);
        }
        return [.. dropped.Select(d => prefix + d)];
    }

    private static bool IsAzureMonitor(JsonObject data) =>
        data["schemaId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)data["schemaId"] == AzureMonitorKey;

    private static IReadOnlyList<string>? FieldsFor(string type, JsonObject data, IReadOnlyDictionary<string, IReadOnlyList<string>> allowed)
    {
        if (allowed.TryGetValue(type, out var exact))
        {
            return exact;
        }
        if (data["schemaId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && (string?)data["schemaId"] == AzureMonitorKey && allowed.TryGetValue(AzureMonitorKey, out var monitor))
        {
            return monitor;
        }
        var prefix = allowed.Where(a => a.Key.EndsWith('.') && type.StartsWith(a.Key, StringComparison.Ordinal))
            .OrderByDescending(a => a.Key.Length).Select(a => a.Value).FirstOrDefault();
        return prefix ?? allowed.GetValueOrDefault(DefaultKey);
    }
}
