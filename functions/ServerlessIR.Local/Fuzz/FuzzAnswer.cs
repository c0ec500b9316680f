using System.Text.Json.Nodes;

namespace ServerlessIR.Local.Fuzz;

/// <summary>How the webhook answered one delivery (its last attempt, after retrying 503s as Event Grid would).</summary>
/// <param name="Status">The HTTP status; 0 when no answer came (connection refused or reset, timeout).</param>
/// <param name="Body">The start of the answer's body, or what went wrong on the connection.</param>
/// <param name="Summary">The delivery summary (<c>opened</c>, <c>joined</c>, ...) when the answer is one.</param>
/// <param name="Retried503">How many 503 answers came before this one.</param>
internal sealed record FuzzAnswer(FuzzDelivery Delivery, string Preview, int Status, string? ContentType, string Body, JsonObject? Summary, int Retried503)
{
    public int Count(string field) => Summary?[field] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    public IEnumerable<string> Incidents => Summary?["incidents"] is JsonArray a ? a.Select(i => i?.GetValue<string>()).OfType<string>() : [];

    public bool Accepted => Status is >= 200 and < 300;

    /// <summary>Refused as a whole with a 4xx: the sender was told, nothing of it is owed a record.</summary>
    public bool Refused => Status is >= 400 and < 500;

    public bool ServerError => Status is 0 or >= 500;
}
