using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>What became of a containment step when the incident was closed as a false positive.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UndoStatus>))]
public enum UndoStatus
{
    Undone,

    /// <summary>Irreversible, or already in effect before the incident: left as it was.</summary>
    NotUndone,

    /// <summary>The compensation failed after its attempts: a person must undo it by hand.</summary>
    UndoFailed,
}
