using System.Globalization;
using System.Text.Json;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Ingestion.Sources;

/// <summary>
/// Azure Monitor alerts in the common alert schema, recognised by <c>data.schemaId == "azureMonitorCommonAlertSchema"</c>
/// whatever the event type (an action group's Event Grid or webhook relay chooses its own). The AI system is the one whose
/// <c>integration.azureResourceIds</c> holds one of the alert's <c>alertTargetIDs</c>.
/// </summary>
/// <remarks>
/// A <c>Resolved</c> notification is rejected with that reason (kept in the rejected-events table, so nothing is lost): it
/// reports the end of a condition, and must not open an incident on its own.
/// </remarks>
public sealed class AzureMonitorAlertSource(IPlaybookProvider playbooks) : ISignalSource
{
    public const string SchemaId = "azureMonitorCommonAlertSchema";

    public bool CanNormalize(IncomingEvent incoming) =>
        incoming is not null &&
        // An exercise event is the exercise source's, whatever its data looks like.
        !ExerciseEvents.IsExerciseType(incoming.Type) &&
        incoming.Data.ValueKind == JsonValueKind.Object &&
        incoming.Data.TryGetProperty("schemaId", out var schema) &&
        schema.ValueKind == JsonValueKind.String &&
        schema.GetString() == SchemaId;

    public Signal Normalize(IncomingEvent incoming, Pseudonymizer pseudonymizer, string payloadRef)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        if (!incoming.Data.TryGetProperty("data", out var body) || body.ValueKind != JsonValueKind.Object ||
            !body.TryGetProperty("essentials", out var essentials) || essentials.ValueKind != JsonValueKind.Object)
        {
            throw new SignalRejectedException("Azure Monitor alert: data.data.essentials is missing.");
        }
        var rule = Text(essentials, "alertRule") is { Length: > 0 } named
            ? IngestionLimits.Truncate(named, IngestionLimits.MaxNameChars)
            : throw new SignalRejectedException("Azure Monitor alert: essentials.alertRule is missing.");
        var fired = Text(essentials, "firedDateTime") is { } f &&
                    DateTimeOffset.TryParse(f, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new SignalRejectedException("Azure Monitor alert: essentials.firedDateTime is missing or not a date-time.");
        if (string.Equals(Code(essentials, "monitorCondition"), "Resolved", StringComparison.OrdinalIgnoreCase))
        {
            throw new SignalRejectedException($"Azure Monitor alert '{rule}': a Resolved notification ends a condition and opens no incident.");
        }
        var targets = Targets(essentials);

        var playbook = playbooks.Current;
        var system = targets.Select(t => AiSystemInventory.ByAzureResource(playbook, t)).FirstOrDefault(s => s is not null);
        var severity = Code(essentials, "severity");
        var signalType = Code(essentials, "signalType") is { Length: > 0 } type ? type : "Unknown";
        var target = targets.FirstOrDefault();
        return new Signal
        {
            Id = incoming.DedupeKey,
            Source = "azure-monitor",
            Kind = "azure-monitor-" + signalType.ToLowerInvariant(),
            OccurredAt = fired,
            OrgId = system?.Org,
            AiSystemId = system?.Id,
            // Resource IDs carry subscription IDs: pseudonymized like any identifier, lower-cased because Azure compares them so.
            PrincipalKind = target is null ? null : "azure-resource",
            PrincipalPseudonym = target is null ? null : pseudonymizer.Pseudonymize(target.ToLowerInvariant()),
            Score = ScoreOf(severity),
            Summary = string.Create(CultureInfo.InvariantCulture,
                $"Azure Monitor alert '{rule}' ({severity ?? "no severity"}, {signalType}) fired on {targets.Count} resource(s)"),
            PayloadRef = payloadRef,
        };
    }

    /// <summary>Sev0 (critical) to Sev4 (verbose) as a 0..1 score, comparable with Salesforce's anomaly scores.</summary>
    public static double? ScoreOf(string? severity) => severity switch
    {
        "Sev0" => 1.0,
        "Sev1" => 0.8,
        "Sev2" => 0.6,
        "Sev3" => 0.4,
        "Sev4" => 0.2,
        _ => null,
    };

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Code(JsonElement essentials, string name) =>
        IngestionLimits.Identifier(Text(essentials, name), IngestionLimits.MaxCodeChars, $"Azure Monitor alert: essentials.{name}");

    private static List<string> Targets(JsonElement essentials)
    {
        if (!essentials.TryGetProperty("alertTargetIDs", out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        if (ids.GetArrayLength() > IngestionLimits.MaxListItems)
        {
            throw new SignalRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"Azure Monitor alert: essentials.alertTargetIDs has {ids.GetArrayLength()} items; the limit is {IngestionLimits.MaxListItems}."));
        }
        return [.. ids.EnumerateArray()
            .Where(i => i.ValueKind == JsonValueKind.String && i.GetString()!.Length > 0)
            .Select(i => IngestionLimits.Identifier(i.GetString(), IngestionLimits.MaxResourceIdChars, "Azure Monitor alert: essentials.alertTargetIDs[]")!)];
    }
}
