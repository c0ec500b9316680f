using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServerlessIR.StandIns.Salesforce;

/// <summary>
/// The sObject endpoints containment uses (PATCH / DELETE / POST, the <c>LogFile</c> blob field), SOQL over the containment
/// objects with AND-ed comparisons, and the rotation hook. Each effect is recorded only when it changes state.
/// </summary>
public static partial class SalesforceStandIn
{
    public static void MapSalesforceContainment(this IEndpointRouteBuilder app, SalesforceStandInState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);

        app.MapMethods("/services/data/{version}/sobjects/{sobject}/{id}", ["PATCH"], async (HttpRequest request, string sobject, string id) =>
        {
            if (Unauthorized(state, request) is { } denied) return denied;
            if (await FaultAsync(state, request) is { } fault) return fault;
            var fields = (await JsonNode.ParseAsync(request.Body))?.AsObject() ?? [];
            var changed = state.Objects(o =>
            {
                if (!o.TryGetValue(sobject, out var table) || !table.TryGetValue(id, out var row)) return (bool?)null;
                var any = false;
                foreach (var (field, value) in fields)
                {
                    if (JsonNode.DeepEquals(row[field], value)) continue;
                    row[field] = value?.DeepClone();
                    state.Apply($"{sobject}.{field}={value}", id);
                    any = true;
                }
                return any;
            });
            return changed is null ? Finish(state, request, Error(404, "NOT_FOUND", "The requested resource does not exist")) : Acted(state, request, Results.NoContent());
        });

        app.MapDelete("/services/data/{version}/sobjects/{sobject}/{id}", async (HttpRequest request, string sobject, string id) =>
        {
            if (Unauthorized(state, request) is { } denied) return denied;
            if (await FaultAsync(state, request) is { } fault) return fault;
            var deleted = state.Objects(o => o.TryGetValue(sobject, out var table) && table.Remove(id));
            if (!deleted) return Finish(state, request, Error(404, "ENTITY_IS_DELETED", "entity is deleted"));
            state.Apply($"delete {sobject}", id);
            return Acted(state, request, Results.NoContent());
        });

        app.MapPost("/services/data/{version}/sobjects/{sobject}/", async (HttpRequest request, string sobject) =>
        {
            if (Unauthorized(state, request) is { } denied) return denied;
            if (await FaultAsync(state, request) is { } fault) return fault;
            var fields = (await JsonNode.ParseAsync(request.Body))?.AsObject() ?? [];
            var created = state.Objects(o =>
            {
                if (!o.TryGetValue(sobject, out var table)) return null;
                if (sobject == "PermissionSetAssignment" && table.Values.Any(r =>
                        (string?)r["AssigneeId"] == (string?)fields["AssigneeId"] && (string?)r["PermissionSetId"] == (string?)fields["PermissionSetId"]))
                {
                    return "";
                }
                var id = state.NewId(sobject == "PermissionSetAssignment" ? "0Pa" : "a00");
                var row = fields.DeepClone().AsObject();
                row["Id"] = id;
                table[id] = row;
                state.Apply($"create {sobject}", $"{fields["AssigneeId"]}:{fields["PermissionSetId"]}");
                return id;
            });
            return created switch
            {
                null => Finish(state, request, Error(404, "NOT_FOUND", $"The requested resource does not exist: {sobject}")),
                "" => Finish(state, request, Error(400, "DUPLICATE_VALUE", "Duplicate PermissionSetAssignment. Assignment already exists.")),
                _ => Acted(state, request, Results.Json(new { id = created, success = true, errors = Array.Empty<object>() }, statusCode: 201)),
            };
        });

        app.MapGet("/services/data/{version}/sobjects/EventLogFile/{id}/LogFile", async (HttpRequest request, string id) =>
        {
            if (Unauthorized(state, request) is { } denied) return denied;
            if (await FaultAsync(state, request) is { } fault) return fault;
            return state.LogFile(id) is { } csv
                ? Finish(state, request, Results.Text(csv, "text/csv"))
                : Finish(state, request, Error(404, "NOT_FOUND", "The requested resource does not exist"));
        });

        // A customer-deployed Apex REST hook that rotates a connected app's consumer secret (Salesforce has no REST API for it).
        app.MapPost("/services/apexrest/serverlessir/rotate-secret", async (HttpRequest request) =>
        {
            if (await FaultAsync(state, request) is { } fault) return fault;
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var timestamp = request.Headers["X-ServerlessIR-Timestamp"].ToString();
            var signature = request.Headers["X-ServerlessIR-Signature"].ToString();
            if (state.RotationHookKey is null || !ValidSignature(state.RotationHookKey, timestamp, body, signature))
            {
                return Finish(state, request, Error(401, "INVALID_SIGNATURE", "signature does not match"));
            }
            var json = JsonNode.Parse(body)!.AsObject();
            var value = state.IssueConsumerSecret((string)json["secret"]!, (string)json["idempotencyKey"]!);
            return Acted(state, request, Results.Json(new { value }));
        });
    }

    /// <summary>Answers SOQL over the containment objects; null when the query names another object (the caller goes on).</summary>
    internal static JsonArray? ContainmentQuery(SalesforceStandInState state, string soql, string version)
    {
        var match = ConjunctionPattern().Match(soql);
        if (!match.Success || !SalesforceStandInState.ContainmentObjects.Contains(match.Groups["object"].Value)) return null;
        var sobject = match.Groups["object"].Value;
        var fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var conditions = match.Groups["where"].Success
            ? ConditionPattern().Matches(match.Groups["where"].Value).Select(c => (Field: c.Groups["field"].Value, Op: c.Groups["op"].Value,
                Value: c.Groups["q"].Success ? c.Groups["q"].Value.Replace("\\'", "'", StringComparison.Ordinal) : c.Groups["lit"].Value)).ToList()
            : [];
        return state.Objects(o =>
        {
            var records = new JsonArray();
            foreach (var row in o[sobject].Values.Where(r => conditions.All(c => Holds(r[c.Field], c.Op, c.Value))))
            {
                var record = new JsonObject { ["attributes"] = new JsonObject { ["type"] = sobject, ["url"] = $"/services/data/{version}/sobjects/{sobject}/{row["Id"]}" } };
                foreach (var field in fields) record[field] = row[field]?.DeepClone();
                records.Add(record);
            }
            return records;
        });
    }

    private static bool Holds(JsonNode? actual, string op, string expected)
    {
        var text = actual?.ToString() ?? "";
        if (op == "=") return string.Equals(text, expected, StringComparison.Ordinal);
        var parsed = DateTimeOffset.TryParse(text.Replace("+0000", "Z", StringComparison.Ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a);
        if (!parsed || !DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b)) return false;
        return op switch { ">=" => a >= b, "<=" => a <= b, ">" => a > b, "<" => a < b, _ => false };
    }

    private static bool ValidSignature(string keyBase64, string timestamp, string body, string signature)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(keyBase64), Encoding.UTF8.GetBytes(timestamp + "." + body)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>Finishes a call that acted; under the lost-response knob the effect stays applied but the caller sees a 503.</summary>
    private static IResult Acted(SalesforceStandInState state, HttpRequest request, IResult result) =>
        Finish(state, request, state.ShouldLoseResponse() ? Error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable") : result);

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)\s+FROM\s+(?<object>\w+)(\s+WHERE\s+(?<where>.+?))?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ConjunctionPattern();

    [GeneratedRegex(@"(?<field>\w+)\s*(?<op>>=|<=|=|>|<)\s*(?:'(?<q>(?:[^'\\]|\\.)*)'|(?<lit>[\w:\-\.\+]+))")]
    private static partial Regex ConditionPattern();
}
