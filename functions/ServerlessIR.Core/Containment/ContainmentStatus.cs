using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Containment;

/// <summary>What became of one containment step. The names are what reports, evidence and the incident record show.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContainmentStatus>))]
public enum ContainmentStatus
{
    Succeeded,

    /// <summary>The target was already in the contained state (Salesforce acted first, or an earlier attempt did).</summary>
    AlreadyDone,

    /// <summary>Failed after its attempts: a person must act.</summary>
    Failed,

    /// <summary>Not run: held for safety by the step itself, or by the approval ladder's default.</summary>
    Held,

    /// <summary>Not run: an approver rejected it.</summary>
    Rejected,
}
