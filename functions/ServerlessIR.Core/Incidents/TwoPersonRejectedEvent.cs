namespace ServerlessIR.Core.Incidents;

/// <summary>
/// A second person rejected a two-person request (a false positive, amended facts or a hold, a close): the incident records
/// who asked for what and who refused it, and answers in its channel; nothing else changes.
/// </summary>
public record TwoPersonRejectedEvent(TwoPersonRejection? Rejection) : IncidentEvent;

/// <summary>What a second person refused, and who asked for it.</summary>
/// <param name="RequestId">The two-person request's ID.</param>
/// <param name="Kind">The event the request would have raised (<see cref="IncidentEvent.Kinds"/>).</param>
/// <param name="Summary">The request as the people were asked (bounded by the request form's limits).</param>
/// <param name="RequestedBy">The first person.</param>
/// <param name="RejectedBy">The second person.</param>
/// <param name="Reason">Why, as the second person gave it.</param>
/// <param name="RejectedAt">When (real UTC).</param>
public sealed record TwoPersonRejection(string RequestId, string Kind, string Summary, string RequestedBy, string RejectedBy, string? Reason,
    DateTimeOffset RejectedAt);
