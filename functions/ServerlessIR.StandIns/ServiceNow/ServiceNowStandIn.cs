using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessIR.StandIns.ServiceNow;

/// <summary>
/// A local ServiceNow instance for Security Incident Response tickets: <c>POST /oauth_token.do</c> (client-credentials
/// grant), and the Table API on <c>/api/now/table/sn_si_incident</c> (GET with an encoded <c>sysparm_query</c>, POST,
/// GET and PATCH by <c>sys_id</c>), answering in the <c>{"result": ...}</c> envelope and, for a refusal,
/// <c>{"error": {"message", "detail"}, "status": "failure"}</c>. Accepts a token it issued or the client's basic credentials.
/// </summary>
public static class ServiceNowStandIn
{
    private const string TablePath = "/api/now/table/sn_si_incident";

    public static void MapServiceNowStandIn(this IEndpointRouteBuilder app, ServiceNowStandInState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        app.MapPost("/oauth_token.do", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            if (form["grant_type"] != "client_credentials" || form["client_id"] != state.ClientId || form["client_secret"] != state.ClientSecret)
            {
                return Results.Json(new { error = "access_denied", error_description = "access_denied" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            return Results.Json(new { access_token = state.IssueToken(), scope = "useraccount", token_type = "Bearer", expires_in = 1799 });
        });
        var table = app.MapGroup(TablePath).AddEndpointFilter(async (context, next) =>
            Authorized(context.HttpContext.Request, state) ? await next(context) : Error(StatusCodes.Status401Unauthorized, "User Not Authenticated", "Required to provide Auth information"));
        table.MapGet("", (HttpRequest request) =>
        {
            var (match, order) = Parse(request.Query["sysparm_query"].ToString());
            var limit = int.TryParse(request.Query["sysparm_limit"], out var l) ? l : 10000;
            var rows = state.Query(match);
            var ordered = order is null ? rows : rows.OrderBy(r => (string?)r[order], StringComparer.Ordinal).ToList();
            return Results.Json(new JsonObject { ["result"] = new JsonArray([.. ordered.Take(limit).Select(r => (JsonNode?)Fields(r, request))]) });
        });
        table.MapGet("/{sysId}", (string sysId, HttpRequest request) =>
            state.Get(sysId) is { } row ? Results.Json(new JsonObject { ["result"] = Fields(row, request) }) : Error(StatusCodes.Status404NotFound, "No Record found", "Record doesn't exist or ACL restricts the record retrieval"));
        table.MapPost("", async (HttpRequest request) =>
        {
            if (await ReadFieldsAsync(request) is not { } fields)
            {
                return Error(StatusCodes.Status400BadRequest, "Exception while reading request", "The payload is not valid JSON.");
            }
            return Results.Json(new JsonObject { ["result"] = state.Create(fields) }, statusCode: StatusCodes.Status201Created);
        });
        table.MapPatch("/{sysId}", async (string sysId, HttpRequest request) =>
        {
            if (await ReadFieldsAsync(request) is not { } fields)
            {
                return Error(StatusCodes.Status400BadRequest, "Exception while reading request", "The payload is not valid JSON.");
            }
            return state.Update(sysId, fields) is { } row
                ? Results.Json(new JsonObject { ["result"] = row })
                : Error(StatusCodes.Status404NotFound, "No Record found", "Record doesn't exist or ACL restricts the record retrieval");
        });
    }

    private static bool Authorized(HttpRequest request, ServiceNowStandInState state)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return state.TokenValid(header["Bearer ".Length..]);
        }
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])) == $"{state.ClientId}:{state.ClientSecret}";
            }
            catch (FormatException)
            {
                return false;
            }
        }
        return false;
    }

    private static async Task<JsonObject?> ReadFieldsAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonObject Fields(JsonObject row, HttpRequest request)
    {
        var wanted = request.Query["sysparm_fields"].ToString();
        if (string.IsNullOrEmpty(wanted))
        {
            return row;
        }
        var names = wanted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new JsonObject(names.Select(n => KeyValuePair.Create(n, row[n]?.DeepClone() ?? (JsonNode?)"")));
    }

    /// <summary>
    /// The encoded-query forms the adapter sends: <c>field=value</c>, <c>fieldINa,b</c>, <c>field&gt;=value</c> (string order,
    /// which is time order for ServiceNow's <c>yyyy-MM-dd HH:mm:ss</c>), joined by <c>^</c>, and <c>ORDERBYfield</c>.
    /// </summary>
    private static (Func<JsonObject, bool> Match, string? OrderBy) Parse(string query)
    {
        var tests = new List<Func<JsonObject, bool>>();
        string? order = null;
        foreach (var term in query.Split('^', StringSplitOptions.RemoveEmptyEntries))
        {
            if (term.StartsWith("ORDERBY", StringComparison.Ordinal))
            {
                order = term["ORDERBY".Length..];
            }
            else if (term.IndexOf(">=", StringComparison.Ordinal) is var ge and > 0)
            {
                var (field, value) = (term[..ge], term[(ge + 2)..]);
                tests.Add(r => string.CompareOrdinal((string?)r[field] ?? "", value) >= 0);
            }
            else if (term.IndexOf("IN", StringComparison.Ordinal) is var inAt and > 0 && !term.Contains('=', StringComparison.Ordinal))
            {
                var (field, values) = (term[..inAt], term[(inAt + 2)..].Split(','));
                tests.Add(r => values.Contains((string?)r[field] ?? ""));
            }
            else if (term.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                var (field, value) = (term[..eq], term[(eq + 1)..]);
                tests.Add(r => ((string?)r[field] ?? "") == value);
            }
        }
        return (r => tests.All(t => t(r)), order);
    }

    private static IResult Error(int status, string message, string detail) =>
        Results.Json(new { error = new { message, detail }, status = "failure" }, statusCode: status);
}
