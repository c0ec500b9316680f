using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The steps that keep the books of an incident rather than contain it: when one keeps failing, the incident records the
/// failure, tells its people and goes on with its clocks (<see cref="BookkeepingFailure"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<BookkeepingStep>))]
public enum BookkeepingStep
{
    /// <summary>Appending a record to the evidence ledger.</summary>
    [JsonStringEnumMemberName("evidence")]
    Evidence,

    /// <summary>Writing the incident record the API and the console read.</summary>
    [JsonStringEnumMemberName("incident-record")]
    IncidentRecord,

    /// <summary>Sending an e-mail to the incident's people.</summary>
    [JsonStringEnumMemberName("notification")]
    Notification,

    /// <summary>Drafting a regulator or data-subject notice for the DPO.</summary>
    [JsonStringEnumMemberName("notice-draft")]
    NoticeDraft,

    /// <summary>Handing an approved data-subject notice to the bulk channel.</summary>
    [JsonStringEnumMemberName("notice-hand-off")]
    NoticeHandOff,

    /// <summary>Writing the evidence chain's head to the anchor store.</summary>
    [JsonStringEnumMemberName("anchor")]
    Anchor,

    /// <summary>Re-assessing after a widening signal or amended facts.</summary>
    [JsonStringEnumMemberName("reassessment")]
    Reassessment,

    /// <summary>Sending an approval request or its reminder to a tier's approvers.</summary>
    [JsonStringEnumMemberName("approval-request")]
    ApprovalRequest,

    /// <summary>Taking the signals that joined without widening the breach.</summary>
    [JsonStringEnumMemberName("joined-signals")]
    JoinedSignals,

    /// <summary>Opening or updating the incident's ticket in the ticketing system.</summary>
    [JsonStringEnumMemberName("ticket")]
    Ticket,
}
