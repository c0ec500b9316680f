using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ServerlessIR.StandIns.ServiceNow;

/// <summary>
/// The tickets a local ServiceNow instance holds (<c>sn_si_incident</c> rows as JSON objects), the OAuth client it accepts,
/// and what a person would do there: <see cref="CloseOnServiceNowSide"/> closes a ticket as an analyst would.
/// </summary>
public sealed class ServiceNowStandInState(string clientId, string clientSecret)
{
    private readonly ConcurrentDictionary<string, JsonObject> tickets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> tokens = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int numbers = 10000;

    public string ClientId { get; } = clientId;
    public string ClientSecret { get; } = clientSecret;
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How many tickets were created through the API (a second for one incident would be a bug).</summary>
    public int Created { get; private set; }

    /// <summary>Copies of the tickets as they stand.</summary>
    public IReadOnlyList<JsonObject> Tickets
    {
        get
        {
            lock (gate)
            {
                return [.. tickets.Values.Select(t => (JsonObject)t.DeepClone())];
            }
        }
    }

    /// <summary>The work notes added to a ticket, oldest first.</summary>
    public IReadOnlyList<string> WorkNotes(string sysId)
    {
        lock (gate)
        {
            return tickets.TryGetValue(sysId, out var ticket) && ticket["__work_notes"] is JsonArray notes
                ? [.. notes.Select(n => (string?)n ?? "")]
                : [];
        }
    }

    /// <summary>Closes the ticket on the ServiceNow side, as an analyst would (state Closed, with a closing note).</summary>
    public void CloseOnServiceNowSide(string sysId, string closeNotes = "Closed by the security operations analyst")
    {
        lock (gate)
        {
            var ticket = tickets[sysId];
            ticket["state"] = "3";
            ticket["close_notes"] = closeNotes;
            Touch(ticket);
        }
    }

    public string IssueToken()
    {
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        tokens[token] = Time.GetUtcNow().AddMinutes(30);
        return token;
    }

    public bool TokenValid(string token) => tokens.TryGetValue(token, out var until) && until > Time.GetUtcNow();

    internal JsonObject Create(JsonObject fields)
    {
        lock (gate)
        {
            var ticket = new JsonObject
            {
                ["sys_id"] = Guid.NewGuid().ToString("N"),
                ["number"] = "SIR" + (++numbers).ToString("D7", CultureInfo.InvariantCulture),
                ["state"] = "10",
                ["__work_notes"] = new JsonArray(),
            };
            Created++;
            Apply(ticket, fields);
            return Public(ticket);
        }
    }

    internal JsonObject? Update(string sysId, JsonObject fields)
    {
        lock (gate)
        {
            if (!tickets.TryGetValue(sysId, out var ticket))
            {
                return null;
            }
            Apply(ticket, fields);
            return Public(ticket);
        }
    }

    internal JsonObject? Get(string sysId)
    {
        lock (gate)
        {
            return tickets.TryGetValue(sysId, out var ticket) ? Public(ticket) : null;
        }
    }

    internal IReadOnlyList<JsonObject> Query(Func<JsonObject, bool> match)
    {
        lock (gate)
        {
            return [.. tickets.Values.Where(match).Select(Public)];
        }
    }

    private void Apply(JsonObject ticket, JsonObject fields)
    {
        foreach (var (name, value) in fields)
        {
            if (name == "work_notes")
            {
                // A journal field: each write adds an entry, as in ServiceNow.
                ((JsonArray)ticket["__work_notes"]!).Add((JsonNode?)(string?)value);
            }
            else
            {
                ticket[name] = value?.DeepClone();
            }
        }
        tickets[(string)ticket["sys_id"]!] = ticket;
        Touch(ticket);
    }

    private void Touch(JsonObject ticket) =>
        ticket["sys_updated_on"] = Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // The API shows every field but the journal (ServiceNow answers work_notes as an empty string).
    private static JsonObject Public(JsonObject ticket)
    {
        var copy = (JsonObject)ticket.DeepClone();
        copy.Remove("__work_notes");
        copy["work_notes"] = "";
        return copy;
    }
}
