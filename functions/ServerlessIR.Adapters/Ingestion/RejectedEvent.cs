namespace ServerlessIR.Adapters.Ingestion;

/// <summary>An event that could not be used, kept with its reason so nothing is lost silently.</summary>
public sealed record RejectedEvent(string? EventId, string? EventType, string Reason, string Raw, DateTimeOffset RejectedAt);
