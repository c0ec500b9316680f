using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The incident record as a change from the one the orchestration last wrote (revision 4 on): the record's properties that
/// differ, and for its lists only the items that differ. A journal carries this instead of the whole record, so the durable
/// history, which keeps every activity input and is read back at each of the incident's episodes, holds about 2 K
/// characters per step on the bench instead of a record of up to 30 K
/// (docs/performance.md#the-record-as-a-change-and-anchors-from-the-last-anchor-revision-4-session-16).
/// </summary>
/// <remarks>
/// A change applies only to the version it was computed from (<see cref="BaseVersion"/>); the journal checks the stored
/// record's <see cref="IncidentSummary.RecordVersion"/> first, so a change is never applied to a record it does not follow.
/// Pure and deterministic: the orchestration computes it on every replay alike.
/// </remarks>
/// <param name="BaseVersion">The version of the record this change follows.</param>
/// <param name="Version">The version the record has once the change is applied.</param>
public sealed record RecordChange(long BaseVersion, long Version)
{
    /// <summary>Properties replaced whole, by their JSON name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Set { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Lists changed item by item, by their JSON name.</summary>
    public IReadOnlyDictionary<string, ListChange> Lists { get; init; } = new Dictionary<string, ListChange>();

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private static readonly string VersionProperty = Name(nameof(IncidentSummary.RecordVersion));

    /// <summary>
    /// The change that turns <paramref name="before"/> (the record as stored) into <paramref name="after"/>; its version is
    /// <paramref name="after"/>'s. <see cref="Apply"/> on <paramref name="before"/> gives back <paramref name="after"/> exactly.
    /// </summary>
    public static RecordChange Between(IncidentSummary before, IncidentSummary after) =>
        Between(RecordShape.Of(before), RecordShape.Of(after));

    /// <summary>
    /// <see cref="Between(IncidentSummary, IncidentSummary)"/> from records already serialized: the orchestration keeps the
    /// shape of the record last written, so each step serializes only the new one (on every replay as well).
    /// </summary>
    public static RecordChange Between(RecordShape before, RecordShape after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var set = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var lists = new Dictionary<string, ListChange>(StringComparer.Ordinal);
        foreach (var (name, text) in after.Properties)
        {
            // Both are the serializer's text for the same type, so equal values are equal text; a property one lacks is null.
            if (name == VersionProperty || text == (before.Text(name) ?? Null))
            {
                continue;
            }
            if (before.Items(name) is { } old && after.Items(name) is { } now && ListChange.Between(old, now) is { } list)
            {
                lists[name] = list;
            }
            else
            {
                set[name] = JsonNode.Parse(text);
            }
        }
        foreach (var (name, _) in before.Properties)
        {
            if (after.Text(name) is null)
            {
                set[name] = null;
            }
        }
        return new RecordChange(before.Version, after.Version) { Set = set, Lists = lists };
    }

    private const string Null = "null";

    /// <summary>
    /// <paramref name="stored"/> with this change applied; null when it does not follow <see cref="BaseVersion"/> (or a list is
    /// shorter than the change expects), so the caller writes the whole record instead.
    /// </summary>
    public IncidentSummary? Apply(IncidentSummary stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.RecordVersion != BaseVersion)
        {
            return null;
        }
        var node = Node(stored);
        foreach (var (name, value) in Set)
        {
            if (value is null)
            {
                node.Remove(name);
            }
            else
            {
                node[name] = value.DeepClone();
            }
        }
        foreach (var (name, list) in Lists)
        {
            if (node[name] is not JsonArray items || list.Apply(items) is not { } changed)
            {
                return null;
            }
            node[name] = changed;
        }
        node[VersionProperty] = Version;
        return node.Deserialize<IncidentSummary>(Json);
    }

    internal static JsonObject Node(IncidentSummary summary) => JsonSerializer.SerializeToNode(summary, Json)!.AsObject();

    /// <summary>A record property's JSON name, as the record is serialized.</summary>
    internal static string Name(string property) => Json.PropertyNamingPolicy!.ConvertName(property);
}

/// <summary>
/// A record as a change is computed against: each property's JSON text (web defaults, as stored) in the serializer's order,
/// and for a list each item's text. Read only: <see cref="WithHeads"/> gives a new shape.
/// </summary>
/// <remarks>
/// Built from the record's one serialization (the one <see cref="IncidentRecord.Fit(IncidentSummary, out string?, int)"/>
/// measured) by slicing it, with no document tree: the orchestration builds one at every journal on every replay, so a
/// step costs one serialization and one read of its text, and the change itself parses only what differs.
/// </remarks>
public sealed class RecordShape
{
    private readonly List<KeyValuePair<string, string>> properties;
    private readonly Dictionary<string, int> positions;
    private readonly Dictionary<string, List<string>> items;

    private RecordShape(List<KeyValuePair<string, string>> properties, Dictionary<string, List<string>> items, long version)
    {
        this.properties = properties;
        this.items = items;
        positions = new Dictionary<string, int>(properties.Count, StringComparer.Ordinal);
        for (var i = 0; i < properties.Count; i++)
        {
            positions[properties[i].Key] = i;
        }
        Version = version;
    }

    /// <summary>The record's version (<see cref="IncidentSummary.RecordVersion"/>).</summary>
    public long Version { get; }

    /// <summary>Each property's name and JSON text, in the serializer's order.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> Properties => properties;

    /// <summary>The shape of <paramref name="record"/>.</summary>
    public static RecordShape Of(IncidentSummary record) => Of(record, null);

    /// <summary>
    /// The shape of <paramref name="record"/> from <paramref name="json"/>, its serialization with web defaults as the store
    /// writes it (<see cref="IncidentRecord.Fit(IncidentSummary, out string?, int)"/> gives it); serialized here when null.
    /// </summary>
    public static RecordShape Of(IncidentSummary record, string? json)
    {
        ArgumentNullException.ThrowIfNull(record);
        json ??= IncidentRecord.Serialize(record);
        using var document = JsonDocument.Parse(json);
        var properties = new List<KeyValuePair<string, string>>();
        var items = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            properties.Add(new(property.Name, property.Value.GetRawText()));
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                items[property.Name] = [.. property.Value.EnumerateArray().Select(item => item.GetRawText())];
            }
        }
        return new RecordShape(properties, items, record.RecordVersion);
    }

    /// <summary>
    /// The shape of <see cref="IncidentRecord.WithHeads"/> on this record, without serializing it again: the evidence count
    /// and head of the entries a journal appended from <paramref name="firstSequence"/> on.
    /// </summary>
    public RecordShape WithHeads(long firstSequence, IReadOnlyList<string> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        if (heads.Count == 0)
        {
            return this;
        }
        var headed = new List<KeyValuePair<string, string>>(properties);
        Put(headed, nameof(IncidentSummary.EvidenceRecords), JsonSerializer.Serialize(firstSequence + heads.Count - 1, JsonSerializerOptions.Web));
        Put(headed, nameof(IncidentSummary.EvidenceHead), JsonSerializer.Serialize(heads[^1], JsonSerializerOptions.Web));
        return new RecordShape(headed, items, Version);

        void Put(List<KeyValuePair<string, string>> list, string property, string text)
        {
            var name = RecordChange.Name(property);
            if (positions.TryGetValue(name, out var at))
            {
                list[at] = new(name, text);
            }
            else
            {
                list.Add(new(name, text));
            }
        }
    }

    /// <summary>The JSON text of the property <paramref name="name"/>; null when the record has none.</summary>
    internal string? Text(string name) => positions.TryGetValue(name, out var at) ? properties[at].Value : null;

    /// <summary>The items of the list <paramref name="name"/> as JSON text; null when it is not a list.</summary>
    internal List<string>? Items(string name) => items.GetValueOrDefault(name);
}

/// <summary>
/// One list of the record changed item by item: the first <see cref="Drop"/> items go (a list that keeps only its latest),
/// the items at <see cref="Replace"/>'s positions (counted after the drop) are replaced, and <see cref="Append"/> follows.
/// </summary>
public sealed record ListChange(int Drop)
{
    public IReadOnlyDictionary<int, JsonNode> Replace { get; init; } = new Dictionary<int, JsonNode>();

    public IReadOnlyList<JsonNode> Append { get; init; } = [];

    /// <summary>
    /// The cheapest item-by-item change from <paramref name="before"/> to <paramref name="after"/>, or null when replacing the
    /// list whole is as cheap (every item changed).
    /// </summary>
    public static ListChange? Between(JsonArray before, JsonArray after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return Between([.. before.Select(Text)], [.. after.Select(Text)]);
    }

    /// <summary>
    /// <see cref="Between(JsonArray, JsonArray)"/> from each list's items as JSON text (<paramref name="old"/>,
    /// <paramref name="now"/>); only the items the change carries are parsed.
    /// </summary>
    internal static ListChange? Between(IReadOnlyList<string> old, IReadOnlyList<string> now)
    {
        // Where the kept part of the old list may start: nothing dropped (a list that grows or changes in place), as much
        // dropped as keeps the length (a list at its cap), or where the new list's first item stands in the old one.
        var starts = new SortedSet<int> { 0, Math.Clamp(old.Count - now.Count, 0, old.Count) };
        if (now.Count > 0)
        {
            for (var i = 0; i < old.Count; i++)
            {
                if (old[i] == now[0])
                {
                    starts.Add(i);
                }
            }
        }
        (int Drop, List<int> Replaced, int Overlap)? best = null;
        var bestCost = now.Sum(t => t.Length);
        foreach (var drop in starts)
        {
            var overlap = Math.Min(old.Count - drop, now.Count);
            if (drop + overlap != old.Count)
            {
                // The old list's tail would go too; only the head may be dropped.
                continue;
            }
            var replaced = new List<int>();
            var cost = 0;
            for (var i = 0; i < overlap; i++)
            {
                if (old[drop + i] != now[i])
                {
                    replaced.Add(i);
                    cost += now[i].Length;
                }
            }
            for (var i = overlap; i < now.Count; i++)
            {
                cost += now[i].Length;
            }
            if (cost < bestCost)
            {
                bestCost = cost;
                best = (drop, replaced, overlap);
            }
        }
        if (best is not { } chosen)
        {
            return null;
        }
        return new ListChange(chosen.Drop)
        {
            Replace = chosen.Replaced.ToDictionary(i => i, i => JsonNode.Parse(now[i])!),
            Append = [.. now.Skip(chosen.Overlap).Select(text => JsonNode.Parse(text)!)],
        };
    }

    /// <summary><paramref name="items"/> changed; null when the list is shorter than the change expects.</summary>
    public JsonArray? Apply(JsonArray items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var kept = items.Count - Drop;
        if (kept < 0 || Replace.Keys.Any(i => i < 0 || i >= kept))
        {
            return null;
        }
        var result = new JsonArray();
        for (var i = 0; i < kept; i++)
        {
            result.Add((Replace.TryGetValue(i, out var replaced) ? replaced : items[Drop + i])?.DeepClone());
        }
        foreach (var item in Append)
        {
            result.Add(item.DeepClone());
        }
        return result;
    }

    internal static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
