using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>The long-lived phase an incident continued as new from, and goes straight back to (<see cref="IncidentResume"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncidentResumePhase>))]
public enum IncidentResumePhase
{
    /// <summary>The clock watch: sleeping until the obligations' checkpoints (and, in production, the correlation window's end).</summary>
    [JsonStringEnumMemberName("clock-watch")]
    ClockWatch,

    /// <summary>The closure wait: clocks done, waiting for the open tasks and the post-incident review.</summary>
    [JsonStringEnumMemberName("closure-wait")]
    Closure,
}
