using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// The kinds of checkpoint a clock has. An hour checkpoint is named by its offset (<c>24h</c>); the other two by their
/// wire name (<c>warning</c>, <c>deadline</c>), as in a playbook's <c>clock.ladder</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckpointKind>))]
public enum CheckpointKind
{
    /// <summary>A playbook hour offset after the clock start (<c>24h</c>, <c>0.5h</c>).</summary>
    [JsonStringEnumMemberName("hour")]
    Hour,

    /// <summary>The warning some hours before the deadline.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>The deadline itself.</summary>
    [JsonStringEnumMemberName("deadline")]
    Deadline,
}
