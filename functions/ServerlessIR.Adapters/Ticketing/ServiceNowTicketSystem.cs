using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Secrets;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Adapters.Ticketing;

/// <summary>
/// ServiceNow Security Incident Response over its Table API: <c>/api/now/table/sn_si_incident</c>, answers in a
/// <c>{"result": ...}</c> envelope. A ticket carries the incident ID as its <c>correlation_id</c> and
/// <see cref="CorrelationDisplay"/> as its <c>correlation_display</c>, which is how it is found again. Signs in with an OAuth
/// client-credentials token from <c>/oauth_token.do</c> (cached until shortly before it expires) or with basic credentials;
/// both from the secrets the playbook names. Its HttpClient logs nothing, so no URL with a query or header reaches a log.
/// </summary>
public sealed class ServiceNowTicketSystem : ITicketSystem
{
    public const string Table = "sn_si_incident";
    public const string CorrelationDisplay = "ServerlessIR";
    private const string Fields = "sys_id,number,state,correlation_id,sys_updated_on,close_notes";

    // ServiceNow's lookback when asking for closed tickets: its query compares dates in the API user's time zone, the
    // answer is UTC; asking 14 hours early covers every zone, and the answer is filtered in UTC here.
    private static readonly TimeSpan ZoneMargin = TimeSpan.FromHours(14);

    private readonly HttpClient http;
    private readonly IConfiguration configuration;
    private readonly IPlaybookProvider playbooks;
    private readonly ISecretStore secrets;
    private readonly TimeProvider time;
    private (string Token, DateTimeOffset Until)? token;

    public ServiceNowTicketSystem(HttpClient http, IConfiguration configuration, IPlaybookProvider playbooks, ISecretStore secrets, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(playbooks);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(time);
        this.http = http;
        this.configuration = configuration;
        this.playbooks = playbooks;
        this.secrets = secrets;
        this.time = time;
    }

    public async Task<TicketOpening> OpenAsync(TicketContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (await FindAsync(content.IncidentId, cancellationToken) is { } existing)
        {
            return new TicketOpening(RefOf(existing), Created: false);
        }
        var body = new JsonObject
        {
            ["short_description"] = content.ShortDescription,
            ["description"] = Description(content),
            ["correlation_id"] = content.IncidentId,
            ["correlation_display"] = CorrelationDisplay,
            ["state"] = ServiceNowStates.StateOf(content.Status, Settings.States),
            ["priority"] = ServiceNowStates.PriorityOf(content.Severity),
            ["severity"] = ServiceNowStates.SeverityOf(content.Severity),
            ["work_notes"] = WorkNotes(content),
        };
        if (Settings.AssignmentGroup is { } group)
        {
            body["assignment_group"] = group;
        }
        var created = await SendAsync(HttpMethod.Post, TableUri(""), body, cancellationToken);
        return new TicketOpening(RefOf(Result(created).AsObject()), Created: true);
    }

    public async Task UpdateAsync(TicketRef ticket, TicketContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(content);
        var body = new JsonObject
        {
            ["description"] = Description(content),
            ["priority"] = ServiceNowStates.PriorityOf(content.Severity),
            ["severity"] = ServiceNowStates.SeverityOf(content.Severity),
        };
        if (content.StateFollows)
        {
            body["state"] = ServiceNowStates.StateOf(content.Status, Settings.States);
        }
        if (content.WorkNotes.Count > 0)
        {
            body["work_notes"] = WorkNotes(content);
        }
        await SendAsync(HttpMethod.Patch, TableUri("/" + Uri.EscapeDataString(ticket.SysId)), body, cancellationToken);
    }

    public async Task<RemoteTicket?> ReadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        return await FindAsync(incidentId, cancellationToken) is { } found ? Remote(found) : null;
    }

    public async Task<IReadOnlyList<RemoteTicket>> ClosedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var from = (since - ZoneMargin).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var query = $"correlation_display={CorrelationDisplay}^stateIN{string.Join(",", ServiceNowStates.ClosedStates(Settings.States))}^sys_updated_on>={from}^ORDERBYsys_updated_on";
        var answer = await SendAsync(HttpMethod.Get, TableUri($"?sysparm_query={Uri.EscapeDataString(query)}&sysparm_fields={Fields}&sysparm_limit=200"), null, cancellationToken);
        return [.. Result(answer).AsArray().OfType<JsonObject>().Select(Remote).Where(t => t.UpdatedAt >= since).OrderBy(t => t.UpdatedAt)];
    }

    private async Task<JsonObject?> FindAsync(string incidentId, CancellationToken cancellationToken)
    {
        var query = $"correlation_id={incidentId}^correlation_display={CorrelationDisplay}";
        var answer = await SendAsync(HttpMethod.Get, TableUri($"?sysparm_query={Uri.EscapeDataString(query)}&sysparm_fields={Fields}&sysparm_limit=1"), null, cancellationToken);
        return Result(answer).AsArray().OfType<JsonObject>().FirstOrDefault();
    }

    private TicketingSettings Settings =>
        playbooks.Current.Ticketing ?? throw new InvalidOperationException("The playbook names no ticketing system.");

    private Uri Instance
    {
        get
        {
            var setting = Settings.InstanceUrlSetting;
            return Uri.TryCreate(configuration[setting], UriKind.Absolute, out var url)
                ? url
                : throw new InvalidOperationException($"App setting '{setting}' does not hold the ServiceNow instance's absolute URL.");
        }
    }

    private Uri TableUri(string rest) => new(Instance, $"/api/now/table/{Table}{rest}");

    private async Task<JsonNode> SendAsync(HttpMethod method, Uri uri, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = await AuthorizationAsync(cancellationToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // A token revoked before its time: the next attempt (the activity's retry) asks for a new one.
            token = null;
        }
        if (!response.IsSuccessStatusCode)
        {
            // Status and ServiceNow's error message only: the URL's query and the body stay out of the exception.
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new TicketSystemException($"ServiceNow answered {(int)response.StatusCode} to {method} {Table}: {ErrorMessage(error)}", (int)response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken)
            ?? throw new TicketSystemException($"ServiceNow answered {method} {Table} with an empty body.", (int)response.StatusCode);
    }

    private async Task<AuthenticationHeaderValue> AuthorizationAsync(CancellationToken cancellationToken)
    {
        var settings = Settings;
        var id = await secrets.GetSecretAsync(settings.ClientIdSecret, cancellationToken);
        var secret = await secrets.GetSecretAsync(settings.ClientSecretSecret, cancellationToken);
        if (settings.BasicAuth)
        {
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        }
        if (token is { } cached && cached.Until > time.GetUtcNow())
        {
            return new AuthenticationHeaderValue("Bearer", cached.Token);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Instance, "/oauth_token.do"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = id,
                ["client_secret"] = secret,
            }),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new TicketSystemException($"ServiceNow refused the OAuth client-credentials grant ({(int)response.StatusCode}).", (int)response.StatusCode);
        }
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        var value = (string?)answer?["access_token"] ?? throw new TicketSystemException("ServiceNow's token answer holds no access_token.", (int)response.StatusCode);
        var lifetime = answer?["expires_in"] is JsonValue seconds && seconds.TryGetValue(out int s) ? s : 1800;
        token = (value, time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60)));
        return new AuthenticationHeaderValue("Bearer", value);
    }

    private static JsonNode Result(JsonNode answer) =>
        answer["result"] ?? throw new TicketSystemException("ServiceNow's answer has no 'result'.", 200);

    private static TicketRef RefOf(JsonObject row) => new(
        (string?)row["number"] ?? throw new TicketSystemException("A ServiceNow ticket came without its number.", 200),
        (string?)row["sys_id"] ?? throw new TicketSystemException("A ServiceNow ticket came without its sys_id.", 200));

    private RemoteTicket Remote(JsonObject row)
    {
        var state = (string?)row["state"] ?? "";
        var updated = DateTime.TryParseExact((string?)row["sys_updated_on"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? new DateTimeOffset(at, TimeSpan.Zero) : DateTimeOffset.MinValue;
        return new RemoteTicket(RefOf(row), (string?)row["correlation_id"] ?? "", state, ServiceNowStates.ClosedStates(Settings.States).Contains(state), updated)
        {
            CloseNotes = (string?)row["close_notes"] is { Length: > 0 } notes ? notes : null,
        };
    }

    private static string Description(TicketContent content) =>
        $"Incident {content.IncidentId} ({content.Status}, {content.Severity ?? "not yet assessed"}), kept by ServerlessIR.\n" +
        (content.Obligations.Count == 0 ? "No notification obligations." : "Obligations:\n" + string.Join("\n", content.Obligations.Select(o => "- " + o)));

    private static string WorkNotes(TicketContent content) =>
        $"ServerlessIR: {content.Status}, {content.Severity ?? "not yet assessed"}" +
        (content.WorkNotes.Count == 0 ? "" : "\n" + string.Join("\n", content.WorkNotes));

    private static string ErrorMessage(string body)
    {
        try
        {
            return (string?)JsonNode.Parse(body)?["error"]?["message"] ?? "no error message";
        }
        catch (System.Text.Json.JsonException)
        {
            return "no error message";
        }
    }
}
