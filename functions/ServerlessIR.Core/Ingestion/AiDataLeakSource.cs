using System.Text.Json;
using Json.Schema;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Ingestion;

/// <summary>Our own event type, <c>ServerlessIR.AiDataLeak.Detected</c>, checked against its JSON Schema.</summary>
public sealed class AiDataLeakSource : ISignalSource
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(SchemaText));

    /// <summary>The JSON Schema of the event's data.</summary>
    public static string SchemaText
    {
        get
        {
            var assembly = typeof(AiDataLeakSource).Assembly;
            var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("ai-data-leak-detected.schema.json", StringComparison.Ordinal));
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            return reader.ReadToEnd();
        }
    }

    public bool CanNormalize(IncomingEvent incoming) =>
        incoming is not null && string.Equals(incoming.Type, AiDataLeakDetected.EventType, StringComparison.Ordinal);

    public Signal Normalize(IncomingEvent incoming, Pseudonymizer pseudonymizer, string payloadRef)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        // Formats (date-time) are checked too: a detectedAt that is no date-time is named here, not found by the reader below.
        var result = Schema.Value.Evaluate(incoming.Data, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!result.IsValid)
        {
            var first = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .Select(d => $"data{d.InstanceLocation}: {d.Errors!.Values.First()}").FirstOrDefault() ?? "data does not match the schema";
            throw new SignalRejectedException($"{AiDataLeakDetected.EventType}: {first}");
        }
        AiDataLeakDetected? data;
        try
        {
            data = incoming.Data.Deserialize<AiDataLeakDetected>(JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            throw new SignalRejectedException($"{AiDataLeakDetected.EventType}: data{ex.Path?.TrimStart('$')} cannot be read: {ex.Message}");
        }
        if (data is null)
        {
            throw new SignalRejectedException($"{AiDataLeakDetected.EventType}: data is empty");
        }
        // A number beyond a double's range reads as an infinity, which no JSON (the durable history) can hold.
        if (data.Score is { } score && !double.IsFinite(score))
        {
            throw new SignalRejectedException($"{AiDataLeakDetected.EventType}: data.score is not a finite number.");
        }
        return new Signal
        {
            Id = incoming.DedupeKey,
            Source = "serverlessir",
            Kind = "ai-data-leak",
            OccurredAt = data.DetectedAt,
            OrgId = data.OrgId,
            AiSystemId = data.AiSystemId,
            PrincipalKind = data.Principal?.Type,
            PrincipalPseudonym = data.Principal is null ? null : pseudonymizer.Pseudonymize(data.Principal.Id),
            ConnectedApp = data.ConnectedApp,
            DataCategories = data.DataCategories,
            Jurisdictions = data.Jurisdictions,
            SubjectCount = data.EstimatedSubjects,
            RecordCount = data.EstimatedRecords,
            Score = data.Score,
            Malicious = data.Malicious,
            Summary = IngestionLimits.Truncate(data.Summary, IngestionLimits.MaxFreeTextChars),
            PayloadRef = payloadRef,
        };
    }
}
