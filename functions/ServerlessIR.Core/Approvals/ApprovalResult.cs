using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// How one approval request ended for the incident: a person's <see cref="ApprovalOutcome"/>, a tier's silence, or the
/// playbook's default after the last tier. Kept apart from <see cref="ApprovalOutcome"/>, which is what a page may post.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalResult>))]
public enum ApprovalResult
{
    Approved,
    Rejected,

    /// <summary>The tier did not answer in time; the next tier is asked.</summary>
    TimedOut,

    /// <summary>Nobody answered and the playbook's default is to hold, or there was nobody to ask.</summary>
    Held,

    /// <summary>Nobody answered and the playbook's default for the severity is to proceed.</summary>
    ProceededByDefault,

    /// <summary>The incident was closed (a false positive) while the tier waited: the wait ended and the step does not run.</summary>
    Withdrawn,
}
