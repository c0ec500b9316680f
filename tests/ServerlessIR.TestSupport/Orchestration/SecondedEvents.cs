using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>
/// Incident events that need two people, with the approval <see cref="DualControlDesk"/> would put on them: tests that
/// raise such an event directly give it a proper second person, made the way the desk makes it.
/// </summary>
public static class SecondedEvents
{
    /// <summary>The default playbook's DPO, who asks.</summary>
    public static readonly CallerIdentity Requester = new("dpo@northwind.example", "00000000-0000-0000-0000-0000000d0001");

    /// <summary>The default playbook's first-tier approver, who seconds.</summary>
    public static readonly CallerIdentity Second = new("security-lead@northwind.example", "00000000-0000-0000-0000-0000000a0001");

    /// <summary>
    /// <paramref name="incidentEvent"/> as a second person's approval raises it on <paramref name="incidentId"/>: requested
    /// by <paramref name="requester"/> (default <see cref="Requester"/>), approved by <paramref name="second"/> (default
    /// <see cref="Second"/>).
    /// </summary>
    public static IncidentEvent Seconded(string incidentId, IncidentEvent incidentEvent, CallerIdentity? requester = null, CallerIdentity? second = null)
    {
        ArgumentNullException.ThrowIfNull(incidentEvent);
        var (asker, seconder) = (requester ?? Requester, second ?? Second);
        var kind = incidentEvent switch
        {
            FalsePositiveDeclaredEvent => IncidentEvent.Kinds.FalsePositive,
            FactsAmendedEvent => IncidentEvent.Kinds.Facts,
            CloseRequestedEvent => IncidentEvent.Kinds.Close,
            _ => throw new ArgumentException($"'{incidentEvent.GetType().Name}' needs no second person.", nameof(incidentEvent)),
        };
        var json = DualControlDesk.EventJsonOf(incidentEvent);
        var askerId = asker.ObjectId ?? asker.Name;
        var at = DateTimeOffset.UtcNow;
        var request = new DualControlRequest(DualControlDesk.RequestIdFor(incidentId, kind, askerId, json), incidentId, kind, "test request",
            asker.Name, askerId, json, at, at.AddHours(24))
        {
            Status = DualControlStatus.Approved,
            DecidedBy = seconder.Name,
            DecidedByObjectId = seconder.ObjectId ?? seconder.Name,
            DecidedAt = at,
        };
        return DualControlDesk.WithApproval(request);
    }
}
