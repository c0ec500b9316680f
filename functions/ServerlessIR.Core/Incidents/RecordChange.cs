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
        var from = before.Node;
        var to = after.Node;
        var set = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var lists = new Dictionary<string, ListChange>(StringComparer.Ordinal);
        foreach (var (name, value) in to)
        {
            if (name == VersionProperty)
            {
                continue;
            }
            var old = from[name];
            if (JsonNode.DeepEquals(old, value))
            {
                continue;
            }
            if (old is JsonArray oldItems && value is JsonArray newItems
                && ListChange.Between(oldItems, before.Texts(name), newItems, after.Texts(name)) is { } list)
            {
                lists[name] = list;
            }
            else
            {
                set[name] = value?.DeepClone();
            }
        }
        foreach (var (name, _) in from)
        {
            if (!to.ContainsKey(name))
            {
                set[name] = null;
            }
        }
        return new RecordChange(before.Version, after.Version) { Set = set, Lists = lists };
    }

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
/// A record as a change is computed against: its JSON (web defaults, as stored) and, once asked for, each list's items as
/// text. Read only: <see cref="WithHeads"/> gives a new shape.
/// </summary>
public sealed class RecordShape
{
    private readonly Dictionary<string, List<string>> texts = new(StringComparer.Ordinal);

    private RecordShape(JsonObject node, long version)
    {
        Node = node;
        Version = version;
    }

    /// <summary>The record's version (<see cref="IncidentSummary.RecordVersion"/>).</summary>
    public long Version { get; }

    internal JsonObject Node { get; }

    /// <summary>The shape of <paramref name="record"/>.</summary>
    public static RecordShape Of(IncidentSummary record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordShape(RecordChange.Node(record), record.RecordVersion);
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
        var node = (JsonObject)Node.DeepClone();
        node[RecordChange.Name(nameof(IncidentSummary.EvidenceRecords))] = firstSequence + heads.Count - 1;
        node[RecordChange.Name(nameof(IncidentSummary.EvidenceHead))] = heads[^1];
        return new RecordShape(node, Version);
    }

    /// <summary>The items of the list <paramref name="name"/> as JSON text, computed once.</summary>
    internal List<string> Texts(string name)
    {
        if (!texts.TryGetValue(name, out var items))
        {
            items = Node[name] is JsonArray array ? [.. array.Select(ListChange.Text)] : [];
            texts[name] = items;
        }
        return items;
    }
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
        return Between(before, [.. before.Select(Text)], after, [.. after.Select(Text)]);
    }

    /// <summary><see cref="Between(JsonArray, JsonArray)"/> with each list's items as text already (<paramref name="old"/>, <paramref name="now"/>).</summary>
    internal static ListChange? Between(JsonArray before, IReadOnlyList<string> old, JsonArray after, IReadOnlyList<string> now)
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
        ListChange? best = null;
        var bestCost = now.Sum(t => t.Length);
        foreach (var drop in starts)
        {
            var overlap = Math.Min(old.Count - drop, now.Count);
            if (drop + overlap != old.Count)
            {
                // The old list's tail would go too; only the head may be dropped.
                continue;
            }
            var replace = new Dictionary<int, JsonNode>();
            var cost = 0;
            for (var i = 0; i < overlap; i++)
            {
                if (old[drop + i] != now[i])
                {
                    replace[i] = after[i]!.DeepClone();
                    cost += now[i].Length;
                }
            }
            cost += now.Skip(overlap).Sum(t => t.Length);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = new ListChange(drop) { Replace = replace, Append = [.. after.Skip(overlap).Select(n => n!.DeepClone())] };
            }
        }
        return best;
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
