using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The orchestration's own check of the two-person rule: a false positive, a closure with its review, and facts that
/// place or lift a hold or move awareness, take effect only with a <see cref="DualApproval"/> naming two different people and made for exactly this
/// event. The routes and <see cref="DualControlDesk"/> enforce the rule for callers; this guard is for an event raised
/// around them (anyone who can write the task hub's queues or use a durable client).
/// </summary>
/// <remarks>
/// Pure and deterministic, so the orchestrator may call it: the request ID is recomputed from the event itself, the same
/// digest <see cref="DualControlDesk.RequestIdFor(string, string, string, string)"/> gave the stored request. It proves
/// that the approval belongs to this incident, this kind and this content, not that the two people signed anything:
/// someone able to raise events could also invent both names.
/// </remarks>
internal static class DualControlGuard
{
    /// <summary>Why <paramref name="incidentEvent"/> must not take effect on <paramref name="incidentId"/>, or null when it may.</summary>
    public static EventRefusal? Refusal(string incidentId, IncidentEvent incidentEvent) => incidentEvent switch
    {
        FalsePositiveDeclaredEvent { Request: { } request } => Check(incidentId, IncidentEvent.Kinds.FalsePositive, request.Approval,
            new FalsePositiveDeclaredEvent(request with { Approval = null })),
        FactsAmendedEvent { Amendment: { NeedsSecondPerson: true } amendment } => Check(incidentId, IncidentEvent.Kinds.Facts, amendment.Approval,
            new FactsAmendedEvent(amendment with { Approval = null })),
        CloseRequestedEvent { Review: { } review } => Check(incidentId, IncidentEvent.Kinds.Close, review.Approval,
            new CloseRequestedEvent(review with { Approval = null })),
        _ => null,
    };

    /// <summary>
    /// Whether the two named people are one person: by object ID when both have one, else by name, case-insensitively.
    /// </summary>
    public static bool SamePerson(DualApproval approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return !string.IsNullOrWhiteSpace(approval.RequestedByObjectId) && !string.IsNullOrWhiteSpace(approval.ApprovedByObjectId)
            ? string.Equals(approval.RequestedByObjectId.Trim(), approval.ApprovedByObjectId.Trim(), StringComparison.OrdinalIgnoreCase)
            : string.Equals(approval.RequestedBy.Trim(), approval.ApprovedBy.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static EventRefusal? Check(string incidentId, string kind, DualApproval? approval, IncidentEvent unapproved)
    {
        if (approval is null)
        {
            return new(EventRefusalReason.NoSecondPerson, $"A '{kind}' event needs a requester and a second, different person; it carried none.");
        }
        if (string.IsNullOrWhiteSpace(approval.RequestedBy) || string.IsNullOrWhiteSpace(approval.ApprovedBy))
        {
            return new(EventRefusalReason.PersonUnnamed, $"The '{kind}' event's approval does not name both the requester and the second person.");
        }
        if (SamePerson(approval))
        {
            return new(EventRefusalReason.SamePerson,
                $"The '{kind}' event's requester and second person are the same person ({approval.ApprovedBy}); it needs two different people.");
        }
        var expected = DualControlDesk.RequestIdFor(incidentId, kind, approval.RequestedByObjectId ?? "", DualControlDesk.EventJsonOf(unapproved));
        return string.Equals(expected, approval.RequestId, StringComparison.Ordinal)
            ? null
            : new(EventRefusalReason.RequestMismatch,
                $"The '{kind}' event's approval (request '{approval.RequestId}') was not given for this incident, this kind of event and this content.");
    }
}
