using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.StandIns.Salesforce;

/// <summary>
/// The threat-detection event stores the stand-in serves (ApiAnomalyEventStore, ...): records added through
/// <c>POST /_standin/salesforce/events</c>, read through SOQL like the real ones.
/// </summary>
public sealed class SalesforceEventStores
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "ApiAnomalyEventStore", "ReportAnomalyEventStore", "CredentialStuffingEventStore",
        "SessionHijackingEventStore", "GuestUserAnomalyEventStore", "LoginAnomalyEventStore",
    };

    private readonly ConcurrentDictionary<string, List<JsonObject>> stores = new(StringComparer.Ordinal);
    private long sequence;

    /// <summary>Adds a record as Salesforce would store it: <c>Id</c>, <c>CreatedDate</c>, <c>EventIdentifier</c> and
    /// <c>EventDate</c> filled in when the caller left them out.</summary>
    public JsonObject Add(string store, JsonObject fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!Names.Contains(store))
        {
            throw new ArgumentException($"'{store}' is not a threat-detection event store.", nameof(store));
        }
        var record = (JsonObject)fields.DeepClone();
        var n = Interlocked.Increment(ref sequence);
        record["Id"] ??= $"0YS{n:D12}AAA";
        record["CreatedDate"] ??= SalesforceDates.ToWire(now);
        record["EventDate"] ??= record["CreatedDate"]!.GetValue<string>();
        record["EventIdentifier"] ??= Guid.NewGuid().ToString();
        var list = stores.GetOrAdd(store, _ => []);
        lock (list) list.Add(record);
        return record;
    }

    public IReadOnlyList<JsonObject> Records(string store)
    {
        if (!stores.TryGetValue(store, out var list)) return [];
        lock (list) return [.. list];
    }
}
