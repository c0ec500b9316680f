using System.Text.Json.Serialization;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The DPO marked a drafted notice submitted on its review page. It travels as an incident event, not under its own
/// event name, because the clock watch waits on the incident's event while the notice is out.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = KindProperty)]
[JsonDerivedType(typeof(NoticeSubmittedEvent), Kinds.NoticeSubmitted)]
public record NoticeSubmittedEvent(ApprovalDecision Decision) : IncidentEvent;
