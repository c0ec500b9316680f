using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.StandIns.Salesforce;

/// <summary>The threat-detection event stores: SOQL with <c>WHERE {date field} {op} {literal} ORDER BY ... LIMIT n</c>, and the knob that adds anomalies.</summary>
public static partial class SalesforceStandIn
{
    /// <summary>Answers a SOQL query on an event store, or null when the query is about another object.</summary>
    private static IResult? EventStoreQuery(SalesforceStandInState state, HttpRequest request, string version, string soql)
    {
        var match = EventStorePattern().Match(soql);
        if (!match.Success || !SalesforceEventStores.Names.Contains(match.Groups["object"].Value))
        {
            return null;
        }
        var store = match.Groups["object"].Value;
        var fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<JsonObject> rows = state.EventStores.Records(store);
        if (match.Groups["where"].Success)
        {
            var field = match.Groups["where"].Value;
            var op = match.Groups["op"].Value;
            if (SalesforceDates.TryParse(match.Groups["literal"].Value) is not { } literal)
            {
                return Finish(state, request, Error(400, "MALFORMED_QUERY", $"invalid date-time literal in: {soql}"));
            }
            rows = rows.Where(r => SalesforceDates.TryParse(r[field]?.ToString()) is { } value && op switch
            {
                ">" => value > literal,
                ">=" => value >= literal,
                "<" => value < literal,
                "<=" => value <= literal,
                _ => value == literal,
            });
        }
        if (match.Groups["order"].Success)
        {
            var field = match.Groups["order"].Value;
            Func<JsonObject, DateTimeOffset> key = r => SalesforceDates.TryParse(r[field]?.ToString()) ?? DateTimeOffset.MinValue;
            rows = string.Equals(match.Groups["dir"].Value, "DESC", StringComparison.OrdinalIgnoreCase)
                ? rows.OrderByDescending(key).ThenByDescending(r => r["Id"]?.ToString(), StringComparer.Ordinal)
                : rows.OrderBy(key).ThenBy(r => r["Id"]?.ToString(), StringComparer.Ordinal);
        }
        if (match.Groups["limit"].Success)
        {
            rows = rows.Take(int.Parse(match.Groups["limit"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        var records = new JsonArray();
        foreach (var row in rows)
        {
            var record = new JsonObject { ["attributes"] = new JsonObject { ["type"] = store, ["url"] = $"/services/data/{version}/sobjects/{store}/{row["Id"]}" } };
            foreach (var field in fields)
            {
                // A real org answers null for a field the record leaves empty.
                record[field] = row[field]?.DeepClone();
            }
            records.Add(record);
        }
        return Finish(state, request, Results.Json(new JsonObject { ["totalSize"] = records.Count, ["done"] = true, ["records"] = records }));
    }

    /// <summary><c>POST /_standin/salesforce/events</c> <c>{"store": "ApiAnomalyEventStore", "records": [{...}]}</c> adds anomalies;
    /// <c>GET /_standin/salesforce/events/{store}</c> lists them.</summary>
    private static void MapEventStoreKnobs(RouteGroupBuilder knobs, SalesforceStandInState state)
    {
        knobs.MapPost("/events", (JsonObject body) =>
        {
            var store = body["store"]?.GetValue<string>() ?? "";
            if (!SalesforceEventStores.Names.Contains(store))
            {
                return Results.Problem($"'store' must be one of: {string.Join(", ", SalesforceEventStores.Names)}.", statusCode: 400);
            }
            var added = new JsonArray();
            foreach (var item in body["records"]?.AsArray() ?? [])
            {
                if (item is JsonObject fields)
                {
                    added.Add(state.EventStores.Add(store, fields, state.Time.GetUtcNow()));
                }
            }
            return Results.Json(new JsonObject { ["store"] = store, ["records"] = added });
        });
        knobs.MapGet("/events/{store}", (string store) => Results.Json(state.EventStores.Records(store)));
    }

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)\s+FROM\s+(?<object>\w+)(\s+WHERE\s+(?<where>\w+)\s*(?<op>>=|<=|>|<|=)\s*(?<literal>[0-9T:.\-+Z]+))?(\s+ORDER\s+BY\s+(?<order>\w+)(\s+(?<dir>ASC|DESC))?)?(\s+LIMIT\s+(?<limit>\d+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EventStorePattern();
}
