namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Record kinds that reports, the export and the breach register read. The orchestrator writes these
/// kinds with these payload members; other kinds appear in the timeline only.
/// </summary>
public static class EvidenceKinds
{
    /// <summary>Payload: <c>aiSystem</c> (string), optional <c>source</c>.</summary>
    public const string IncidentOpened = "incident.opened";

    /// <summary>Payload: <c>severity</c> {level, enisaScore, enisaLevel, rationale[]}, <c>notifySupervisoryAuthority</c>,
    /// <c>notifyDataSubjects</c>, <c>obligations</c> [{regime, recipient, deadline, deadlineKind}], optional
    /// <c>facts</c> {dataCategories[], subjectCount, jurisdictions[]} and <c>aiSystem</c>.</summary>
    public const string AssessmentCompleted = "assessment.completed";
    public const string AssessmentRevised = "assessment.revised";

    /// <summary>Payload: <c>action</c>, <c>before</c>, <c>after</c>, optional <c>attempts</c>.</summary>
    public const string ContainmentSucceeded = "containment.succeeded";

    /// <summary>Payload: <c>action</c>, <c>before</c>, <c>after</c>, optional <c>attempts</c>, <c>error</c>.</summary>
    public const string ContainmentFailed = "containment.failed";

    /// <summary>Payload: <c>action</c>, <c>tier</c>.</summary>
    public const string ApprovalRequested = "approval.requested";

    /// <summary>Payload: <c>action</c>, <c>decision</c> (Approved, Rejected, TimedOut), <c>by</c>, <c>tier</c>.</summary>
    public const string ApprovalDecided = "approval.decided";

    /// <summary>Payload: <c>regime</c>, <c>recipient</c>, <c>deadline</c> (null when without undue delay), <c>submittedAt</c>.</summary>
    public const string ObligationSubmitted = "obligation.submitted";

    /// <summary>Payload: <c>regime</c>, <c>recipient</c>, <c>deadline</c>, optional <c>submittedAt</c>, <c>reason</c> for the delay.</summary>
    public const string ObligationLate = "obligation.late";

    /// <summary>Payload: <c>regime</c>, <c>reason</c>, <c>requester</c> (a law-enforcement hold).</summary>
    public const string ObligationHeld = "obligation.held";

    /// <summary>Payload: <c>name</c> (24h, 48h, 72h), <c>dueAt</c>, <c>firedAt</c>, optional <c>regime</c>.</summary>
    public const string CheckpointFired = "checkpoint.fired";

    /// <summary>Payload: <c>status</c> (Closed, FalsePositive, Failed...), optional <c>reason</c>.</summary>
    public const string IncidentClosed = "incident.closed";
}
