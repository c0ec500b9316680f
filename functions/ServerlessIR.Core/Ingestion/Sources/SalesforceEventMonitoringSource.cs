using System.Globalization;
using System.Text.Json;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Ingestion.Sources;

/// <summary>
/// Salesforce Threat Detection and Real-Time Event Monitoring events relayed to Event Grid as
/// <c>Salesforce.EventMonitoring.{EventName}</c>, their data being the platform event's (or its store object's) fields as
/// Salesforce documents them: <c>EventDate</c>, <c>EventIdentifier</c>, <c>UserId</c>, <c>Username</c>, <c>SourceIp</c>,
/// <c>Score</c>, <c>RowsProcessed</c>, <c>Summary</c>, ...
/// </summary>
/// <remarks>
/// The user ID, username and source IP never enter the signal: the principal is the keyed pseudonym of the user ID (the same
/// one <see cref="AiDataLeakSource"/> gives a 005 ID, so both sources correlate on one person), and any of the three found in
/// Salesforce's free-text summary is replaced by its pseudonym. The AI system is found before pseudonymizing, by the
/// integration user the playbook names.
/// </remarks>
public sealed class SalesforceEventMonitoringSource(IPlaybookProvider playbooks) : ISignalSource
{
    public const string TypePrefix = "Salesforce.EventMonitoring.";

    /// <summary>The event names this source understands, with whether the anomaly is an attack by nature.</summary>
    public static readonly IReadOnlyDictionary<string, bool> Events = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["ApiAnomalyEvent"] = false,
        ["ReportAnomalyEvent"] = false,
        ["CredentialStuffingEvent"] = true,
        ["SessionHijackingEvent"] = true,
        ["GuestUserAnomalyEvent"] = false,
        ["LoginAnomalyEvent"] = false,
    };

    public bool CanNormalize(IncomingEvent incoming) =>
        incoming is not null && incoming.Type.StartsWith(TypePrefix, StringComparison.Ordinal) &&
        Events.ContainsKey(EventName(incoming.Type));

    public Signal Normalize(IncomingEvent incoming, Pseudonymizer pseudonymizer, string payloadRef)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var name = EventName(incoming.Type);
        var data = incoming.Data;
        var eventDate = SalesforceDates.Read(data, "EventDate") ?? throw new SignalRejectedException($"{incoming.Type}: data.EventDate is missing or not a date-time.");
        if (string.IsNullOrEmpty(Identifier(incoming, data, "EventIdentifier")))
        {
            throw new SignalRejectedException($"{incoming.Type}: data.EventIdentifier is missing.");
        }

        var playbook = playbooks.Current;
        // An empty or blank identifier is no identifier: it names nobody, and must not become everybody's pseudonym.
        var userId = Identifier(incoming, data, "UserId");
        var username = Identifier(incoming, data, "Username");
        var sourceIp = Identifier(incoming, data, "SourceIp");
        var system = AiSystemInventory.ByIntegrationUser(playbook, username);
        var principalId = userId ?? username;
        var summary = Text(data, "Summary") is { Length: > 0 } s ? s : $"Salesforce {name}";
        foreach (var identifier in new[] { username, userId, sourceIp })
        {
            // A keyed hash costs more than the search: only an identifier the summary holds is pseudonymized for it.
            if (identifier is not null && summary.Contains(identifier, StringComparison.OrdinalIgnoreCase))
            {
                summary = summary.Replace(identifier, pseudonymizer.Pseudonymize(identifier), StringComparison.OrdinalIgnoreCase);
            }
        }

        return new Signal
        {
            Id = incoming.DedupeKey,
            Source = "salesforce",
            Kind = name,
            OccurredAt = eventDate,
            OrgId = system?.Org ?? AiSystemInventory.OrgFromSource(playbook, incoming.Source),
            AiSystemId = system?.Id,
            PrincipalKind = principalId is null ? null : system is null ? "user" : "integration-user",
            PrincipalPseudonym = principalId is null ? null : pseudonymizer.Pseudonymize(principalId),
            RecordCount = Count(data, "RowsProcessed"),
            Score = Number(data, "Score"),
            Malicious = Events[name],
            Summary = IngestionLimits.Truncate($"{name}: {summary}", IngestionLimits.MaxFreeTextChars),
            PayloadRef = payloadRef,
        };
    }

    private static string EventName(string type) => type.Length > TypePrefix.Length ? type[TypePrefix.Length..] : "";

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Identifier(IncomingEvent incoming, JsonElement data, string name) =>
        IngestionLimits.Identifier(Text(data, name), IngestionLimits.MaxIdentifierChars, $"{incoming.Type}: data.{name}") is { } value &&
        !string.IsNullOrWhiteSpace(value) ? value : null;

    // Salesforce sends doubles as JSON numbers; a relay that stringifies them is tolerated. NaN and infinities are no
    // measurement (and cannot be written as JSON into the durable history).
    private static double? Number(JsonElement data, string name)
    {
        if (!data.TryGetProperty(name, out var v))
        {
            return null;
        }
        var number = v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d
            : v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
            : (double?)null;
        return number is { } x && double.IsFinite(x) ? x : null;
    }

    private static long? Count(JsonElement data, string name) =>
        Number(data, name) is { } rows && rows >= 0 && rows < long.MaxValue ? (long)rows : null;
}
