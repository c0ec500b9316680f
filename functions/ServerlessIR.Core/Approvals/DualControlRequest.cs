namespace ServerlessIR.Core.Approvals;

/// <summary>
/// A person's request to undo a response (false positive), place or lift a law-enforcement hold, or move awareness,
/// waiting for a second, different person (<c>POST /api/incidents/{id}/false-positive</c> and <c>/facts</c> answer 202
/// with its status URL). Kept durably until decided or expired; the incident event it would raise is stored with it and
/// raised only when a second authorized person approves.
/// </summary>
/// <param name="RequestId">Derived from incident, kind, requester and body, so the same request posted twice is one request.</param>
/// <param name="Kind">The incident event kind it raises (<c>false-positive</c> or <c>facts</c>).</param>
/// <param name="Summary">What approving does, in one line for the page and the status.</param>
/// <param name="EventJson">The <c>IncidentEvent</c> to raise, as JSON; personal data already scrubbed.</param>
public sealed record DualControlRequest(
    string RequestId,
    string IncidentId,
    string Kind,
    string Summary,
    string RequestedBy,
    string RequestedByObjectId,
    string EventJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    public DualControlStatus Status { get; init; } = DualControlStatus.Pending;
    public string? DecidedBy { get; init; }
    public string? DecidedByObjectId { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Why the second person rejected it.</summary>
    public string? Reason { get; init; }

    /// <summary>The status as of <paramref name="now"/>: a pending request past its expiry is expired.</summary>
    public DualControlStatus StatusAt(DateTimeOffset now) =>
        Status == DualControlStatus.Pending && ExpiresAt <= now ? DualControlStatus.Expired : Status;

    /// <summary>The two people, as the incident event carries them once approved.</summary>
    public DualApproval Approval() => new(RequestId, RequestedBy, RequestedByObjectId,
        DecidedBy ?? throw new InvalidOperationException("Not decided."), DecidedByObjectId ?? "", DecidedAt ?? CreatedAt);
}
