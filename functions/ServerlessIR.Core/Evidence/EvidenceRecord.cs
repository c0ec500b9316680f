using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Evidence;

/// <summary>One stored evidence record: the entry, its place in the chain, and its hash.</summary>
public sealed record EvidenceRecord(
    string IncidentId,
    long Sequence,
    string Kind,
    string Actor,
    string Summary,
    DateTimeOffset IncidentTime,
    DateTimeOffset WallTime,
    JsonObject? Payload,
    string PreviousHash,
    string Hash);
