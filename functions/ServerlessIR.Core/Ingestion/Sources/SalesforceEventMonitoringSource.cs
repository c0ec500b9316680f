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
        if (string.IsNullOrEmpty(Text(data, "EventIdentifier")))
        {
            throw new SignalRejectedException($"{incoming.Type}: data.EventIdentifier is missing.");
        }

        var playbook = playbooks.Current;
        var userId = Text(data, "UserId");
        var username = Text(data, "Username");
        var sourceIp = Text(data, "SourceIp");
        var system = AiSystemInventory.ByIntegrationUser(playbook, username);
        var principalId = userId ?? username;
        var summary = Text(data, "Summary") is { Length: > 0 } s ? s : $"Salesforce {name}";
        foreach (var identifier in new[] { username, userId, sourceIp })
        {
            if (!string.IsNullOrEmpty(identifier))
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
            RecordCount = Number(data, "RowsProcessed") is { } rows ? (long)rows : null,
            Score = Number(data, "Score"),
            Malicious = Events[name],
            Summary = $"{name}: {summary}",
            PayloadRef = payloadRef,
        };
    }

    private static string EventName(string type) => type.Length > TypePrefix.Length ? type[TypePrefix.Length..] : "";

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // Salesforce sends doubles as JSON numbers; a relay that stringifies them is tolerated.
    private static double? Number(JsonElement data, string name) =>
        !data.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
        : null;
}
