using System.Text.Json.Serialization;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>A moment at which the orchestrator wakes for one obligation, and what the ladder says to do then.</summary>
/// <param name="Name">e.g. <c>24h</c>, <c>warning</c>, <c>deadline</c>.</param>
/// <param name="DueAt">Incident time.</param>
public sealed record PlannedCheckpoint(string Regime, string Recipient, string Name, DateTimeOffset DueAt, LadderAction LadderAction)
{
    [JsonIgnore]
    public CheckpointKind Kind => ClockPolicy.KindOf(Name);
}
