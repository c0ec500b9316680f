using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessIR.StandIns.Salesforce;

/// <summary>
/// A local Salesforce that speaks the REST wire format for the calls containment makes: the OAuth 2.0 token endpoint (client
/// credentials and the JWT bearer flow) and the revoke endpoint, SOQL queries, and Salesforce's error bodies. Knobs and records live under <c>/_standin/salesforce</c>.
/// </summary>
public static partial class SalesforceStandIn
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public static void MapSalesforceStandIn(this IEndpointRouteBuilder app, SalesforceStandInState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);

        app.MapPost("/services/oauth2/token", async (HttpRequest request) =>
        {
            if (await FaultAsync(state, request) is { } tokenFault) return tokenFault;
            var form = await request.ReadFormAsync();
            if (form["grant_type"] == JwtBearerGrant)
            {
                if (state.VerifyJwtBearer(form["assertion"].ToString(), state.Time.GetUtcNow()) is { } refused)
                {
                    return Finish(state, request, Results.Json(new { error = refused.Error, error_description = refused.Description }, statusCode: 400));
                }
            }
            else if (form["grant_type"] != "client_credentials" || form["client_id"] != state.ClientId || form["client_secret"] != state.ClientSecret)
            {
                return Finish(state, request, Results.Json(new { error = "invalid_client", error_description = "invalid client credentials" }, statusCode: 400));
            }
            var token = "00DSTANDIN!" + Guid.NewGuid().ToString("N");
            // A session belongs to the org that issued it, as in Salesforce: it opens nothing at another org's URL.
            state.AccessTokens[token] = state.OrgAt(request.HttpContext.Connection.LocalPort) ?? "";
            var baseUrl = $"{request.Scheme}://{request.Host}";
            return Finish(state, request, Results.Json(new
            {
                access_token = token,
                instance_url = baseUrl,
                id = baseUrl + "/id/00DSTANDIN/005STANDIN",
                token_type = "Bearer",
                issued_at = state.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                signature = "c3RhbmQtaW4=",
            }));
        });

        app.MapPost("/services/oauth2/revoke", async (HttpRequest request) =>
        {
            if (await FaultAsync(state, request) is { } fault) return fault;
            var form = await request.ReadFormAsync();
            var value = form["token"].ToString();
            var token = state.Tokens.Values.FirstOrDefault(t => t.DeleteToken == value && !t.Revoked);
            if (token is null)
            {
                return Finish(state, request, Results.Json(new { error = "invalid_token", error_description = "invalid token" }, statusCode: 400));
            }
            token.Revoked = true;
            state.Apply("revoke", token.Id);
            return Acted(state, request, Results.Ok());
        });

        app.MapGet("/services/data/{version}/query", async (HttpRequest request, string version) =>
        {
            if (Unauthorized(state, request) is { } denied) return denied;
            if (await FaultAsync(state, request) is { } fault) return fault;
            var soql = request.Query["q"].ToString();
            if (ContainmentQuery(state, soql, version) is { } containment)
            {
                return Finish(state, request, Results.Json(new JsonObject { ["totalSize"] = containment.Count, ["done"] = true, ["records"] = containment }));
            }
            if (EventStoreQuery(state, request, version, soql) is { } eventStore) return eventStore;
            var match = SelectPattern().Match(soql);
            if (!match.Success)
            {
                return Finish(state, request, Error(400, "MALFORMED_QUERY", $"unexpected token in: {soql}"));
            }
            var fields = match.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var sobject = match.Groups["object"].Value;
            var whereField = match.Groups["field"].Success ? match.Groups["field"].Value : null;
            var whereValue = match.Groups["value"].Success ? match.Groups["value"].Value.Replace("\\'", "'", StringComparison.Ordinal) : null;
            IEnumerable<JsonObject> rows = sobject switch
            {
                "OauthToken" => state.Tokens.Values.Where(t => !t.Revoked).OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => new JsonObject
                {
                    ["Id"] = t.Id, ["AppName"] = t.AppName, ["UserId"] = t.UserId, ["DeleteToken"] = t.DeleteToken, ["UseCount"] = t.UseCount,
                }),
                _ => throw new BadHttpRequestException($"sObject type '{sobject}' is not supported"),
            };
            if (whereField is not null)
            {
                rows = rows.Where(r => r[whereField]?.ToString() == whereValue);
            }
            var records = new JsonArray();
            foreach (var row in rows)
            {
                var record = new JsonObject { ["attributes"] = new JsonObject { ["type"] = sobject, ["url"] = $"/services/data/{version}/sobjects/{sobject}/{row["Id"]}" } };
                foreach (var field in fields)
                {
                    record[field] = row[field]?.DeepClone();
                }
                records.Add(record);
            }
            return Finish(state, request, Results.Json(new JsonObject { ["totalSize"] = records.Count, ["done"] = true, ["records"] = records }));
        });

        var knobs = app.MapGroup("/_standin/salesforce");
        knobs.MapGet("/calls", () => Results.Json(state.Calls));
        knobs.MapGet("/effects", () => Results.Json(state.Effects));
        knobs.MapGet("/state", () => Results.Json(state.Snapshot()));
        knobs.MapPost("/faults", (StandInFaults faults) =>
        {
            state.Faults = faults;
            return Results.Json(faults);
        });
        MapEventStoreKnobs(knobs, state);
    }

    private static IResult? Unauthorized(SalesforceStandInState state, HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        return state.AccessTokens.TryGetValue(token, out var org) && org == (state.OrgAt(request.HttpContext.Connection.LocalPort) ?? "")
            ? null
            : Finish(state, request, Error(401, "INVALID_SESSION_ID", "Session expired or invalid"));
    }

    private static async Task<IResult?> FaultAsync(SalesforceStandInState state, HttpRequest request)
    {
        var faults = state.Faults;
        if (faults.LatencyMs > 0)
        {
            await Task.Delay(faults.LatencyMs, request.HttpContext.RequestAborted);
        }
        if (faults.RateLimited)
        {
            return Finish(state, request, Error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
        }
        if (state.ShouldFail())
        {
            return Finish(state, request, Error(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable"));
        }
        return null;
    }

    /// <summary>Salesforce's REST error body: an array of {message, errorCode}.</summary>
    private static IResult Error(int status, string code, string message) =>
        Results.Json(new[] { new { message, errorCode = code } }, statusCode: status);

    private static IResult Finish(SalesforceStandInState state, HttpRequest request, IResult result)
    {
        var status = result is IStatusCodeHttpResult { StatusCode: { } s } ? s : 200;
        state.Record(new RecordedCall(request.Method, request.Path + request.QueryString, status, state.Time.GetUtcNow(),
            state.OrgAt(request.HttpContext.Connection.LocalPort)));
        return result;
    }

    [GeneratedRegex(@"^\s*SELECT\s+(?<fields>.+?)\s+FROM\s+(?<object>\w+)(\s+WHERE\s+(?<field>\w+)\s*=\s*'(?<value>(?:[^'\\]|\\.)*)')?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();
}
