using System.Text.Json;

namespace ServerlessIR.Core.Ingestion.Polling;

/// <summary>One record turned into a CloudEvent for Event Grid. Its ID is the record's <c>EventIdentifier</c>, so a second
/// publication of the same record is the same event and the webhook's deduplication keeps it once.</summary>
public sealed record RelayedEvent(string Id, string Source, string Type, DateTimeOffset Time, JsonElement Data);
