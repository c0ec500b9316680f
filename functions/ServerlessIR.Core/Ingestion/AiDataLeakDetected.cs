namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// The <c>data</c> of our own event type <c>ServerlessIR.AiDataLeak.Detected</c>
/// (schema: <c>Ingestion/Schemas/ai-data-leak-detected.schema.json</c>; described in docs/events.md).
/// </summary>
public sealed record AiDataLeakDetected
{
    public const string EventType = "ServerlessIR.AiDataLeak.Detected";

    public required DateTimeOffset DetectedAt { get; init; }
    public required string OrgId { get; init; }
    public string? AiSystemId { get; init; }
    public LeakPrincipal? Principal { get; init; }
    public string? ConnectedApp { get; init; }
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];
    public long? EstimatedSubjects { get; init; }
    public long? EstimatedRecords { get; init; }
    public bool Malicious { get; init; }
    public double? Score { get; init; }
    public required string Summary { get; init; }
}
