using System.Text.Json.Serialization;

namespace ServerlessIR.Adapters.Http;

/// <summary>The answer to a delivery: how many events, and what became of them.</summary>
public sealed record DeliverySummary(int Received, int Opened, int Joined, int Duplicates, int Rejected, IReadOnlyList<string> Incidents)
{
    /// <summary>Event Grid lifecycle events (a subscription deleted): acknowledged and logged, neither used nor rejected.</summary>
    public int Acknowledged { get; init; }

    /// <summary>The handshake's answer when the delivery also held a subscription validation event.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ValidationResponse { get; init; }
}
