namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Every record kind the pipeline writes, in one place: the kinds are part of the evidence format, so a new kind is added
/// here and nowhere else. Kinds with a documented payload are the ones reports, the export and the breach register read;
/// the rest appear in the timeline only.
/// </summary>
public static class EvidenceKinds
{
    /// <summary>Payload: <c>aiSystem</c> (string), optional <c>source</c>.</summary>
    public const string IncidentOpened = "incident.opened";

    public const string SignalReceived = "signal.received";
    public const string SignalJoined = "signal.joined";

    /// <summary>Signals that joined without widening the breach, taken in one batch. Payload: <c>batch</c> (number),
    /// <c>count</c>, <c>signals</c> [{signalId, hash, payloadRef, source, kind}].</summary>
    public const string SignalsJoined = "signal.joined-batch";
    public const string IncidentLinked = "incident.linked";
    public const string SmokeClosed = "smoke.closed";

    /// <summary>Payload: <c>severity</c> {level, enisaScore, enisaLevel, rationale[]}, <c>notifySupervisoryAuthority</c>,
    /// <c>notifyDataSubjects</c>, <c>obligations</c> [{regime, recipient, deadline, deadlineKind}], optional
    /// <c>facts</c> {dataCategories[], subjectCount, jurisdictions[]} and <c>aiSystem</c>.</summary>
    public const string AssessmentCompleted = "assessment.completed";
    public const string AssessmentRevised = "assessment.revised";
    public const string FactsAmended = "facts.amended";

    /// <summary>Payload: <c>action</c>, <c>before</c>, <c>after</c>, optional <c>attempts</c>.</summary>
    public const string ContainmentSucceeded = "containment.succeeded";

    /// <summary>Payload: <c>action</c>, <c>before</c>, <c>after</c>, optional <c>attempts</c>, <c>error</c>.</summary>
    public const string ContainmentFailed = "containment.failed";
    public const string ContainmentHeld = "containment.held";

    /// <summary>
    /// The step gate sent a step to the approval ladder instead of running it. Payload: <c>action</c>, <c>step</c>,
    /// <c>reason</c> (kill-switch, untrusted-source, approval-required, over-budget, gate-unavailable), <c>detail</c>,
    /// <c>trust</c>, <c>defaultAfterLastTier</c>.
    /// </summary>
    public const string ContainmentGated = "containment.gated";
    public const string IncidentContained = "incident.contained";
    public const string IncidentContainmentIncomplete = "incident.containment-incomplete";

    /// <summary>
    /// A re-assessment raised the severity and the playbook's containment for the new severity adds steps; the owners are
    /// told. Payload: <c>severity</c>, <c>previousSeverity</c>, <c>reason</c>, <c>added</c> [{action, approval}],
    /// <c>alreadyRun</c> [action] (steps with a result, not repeated).
    /// </summary>
    public const string ContainmentReplanned = "containment.replanned";

    /// <summary>Payload: <c>action</c>, <c>tier</c>.</summary>
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalReminded = "approval.reminded";

    /// <summary>Payload: <c>action</c>, <c>decision</c> (Approved, Rejected, TimedOut), <c>by</c>, <c>tier</c>.</summary>
    public const string ApprovalDecided = "approval.decided";
    public const string ApprovalEscalated = "approval.escalated";
    public const string ApprovalTimedOut = "approval.timed-out";
    public const string ApprovalDefaultApplied = "approval.default-applied";

    /// <summary>A step needs approval and the playbook names nobody to ask.</summary>
    public const string ApprovalHeld = "approval.held";

    /// <summary>The incident was closed (a false positive) while a tier was asked: the wait ended, the step does not run.
    /// Payload: <c>action</c>, <c>tier</c>, <c>tierNumber</c>, <c>status</c>.</summary>
    public const string ApprovalWithdrawn = "approval.withdrawn";

    public const string NotificationSent = "notification.sent";
    public const string NoticeDrafted = "notice.drafted";
    public const string NoticeApproved = "notice.approved";
    public const string NoticeHandedOff = "notice.handed-off";
    public const string NoticeHandOffConfirmed = "notice.hand-off-confirmed";

    /// <summary>
    /// An exercise's notice to data subjects, approved but never handed to the bulk channel: an exercise writes to no
    /// customer. Payload: <c>noticeId</c>, <c>approxRecipients</c> (who a real incident would have written to).
    /// </summary>
    public const string NoticeExerciseWithheld = "notice.exercise-withheld";

    /// <summary>Payload: <c>regime</c>, <c>recipient</c>, <c>deadline</c> (null when without undue delay), <c>submittedAt</c>.</summary>
    public const string ObligationSubmitted = "obligation.submitted";

    /// <summary>
    /// An exercise's notice marked submitted: practised, not sent to anyone, so never counted as a submission (the breach
    /// register and reports read only <see cref="ObligationSubmitted"/>). Payload as <see cref="ObligationSubmitted"/>.
    /// </summary>
    public const string ObligationExerciseSubmitted = "obligation.exercise-submitted";

    /// <summary>Payload: <c>regime</c>, <c>recipient</c>, <c>deadline</c>, optional <c>submittedAt</c>, <c>reason</c> for the delay.</summary>
    public const string ObligationLate = "obligation.late";

    /// <summary>Payload: <c>regime</c>, <c>reason</c>, <c>requester</c> (a law-enforcement hold).</summary>
    public const string ObligationHeld = "obligation.held";
    public const string ObligationHoldLifted = "obligation.hold-lifted";
    public const string ObligationDeadlineOnHold = "obligation.deadline-on-hold";

    /// <summary>Payload: <c>name</c> (24h, 48h, 72h), <c>dueAt</c>, <c>firedAt</c>, optional <c>regime</c>.</summary>
    public const string CheckpointFired = "checkpoint.fired";

    public const string IncidentFalsePositiveDeclared = "incident.false-positive-declared";
    public const string CompensationSucceeded = "compensation.succeeded";
    public const string CompensationFailed = "compensation.failed";
    public const string CompensationNotApplicable = "compensation.not-applicable";

    /// <summary>Payload: <c>status</c> (Closed, FalsePositive, Failed...), optional <c>reason</c>.</summary>
    public const string IncidentClosed = "incident.closed";
    public const string IncidentClocksDone = "incident.clocks-done";
    public const string IncidentHorizonReached = "incident.horizon-reached";

    /// <summary>
    /// The orchestration continued as new in a long-lived phase, so its durable history stays bounded; the new generation
    /// carried the whole state and goes on where the last stopped (docs/performance.md#bounded-histories). Payload:
    /// <c>generation</c>, <c>phase</c> (clock-watch, closure-wait), <c>previousGenerationEvents</c> (estimated),
    /// <c>eventsPerGeneration</c>, <c>signals</c>, <c>joinBatches</c>, <c>joinsLeft</c>, <c>evidenceSequence</c>.
    /// </summary>
    public const string IncidentContinuedAsNew = "incident.continued-as-new";

    /// <summary>An incident event arrived that the incident does not act on in its state; recorded, not dropped silently.</summary>
    public const string EventIgnored = "event.ignored";

    /// <summary>
    /// An event that needs two people (a false positive; facts with a hold or an awareness move) arrived without a valid
    /// second person and changed nothing. Payload: <c>event</c> (its kind), <c>reason</c> (no-second-person,
    /// person-unnamed, same-person, request-mismatch), <c>detail</c>, <c>dualControl</c> (the approval it carried, or null).
    /// </summary>
    public const string EventRefused = "event.refused";

    /// <summary>
    /// A bookkeeping step (evidence, the incident record, an e-mail, a notice draft, an anchor, a re-assessment) failed
    /// after its retries; the incident went on. Payload: <c>step</c>, <c>what</c>, <c>errorType</c>, <c>error</c> (first
    /// line, at most 300 characters). Stands in for a record that could not be appended, when that is what failed.
    /// </summary>
    public const string BookkeepingFailed = "bookkeeping.failed";

    /// <summary>A follow-up task was created (by a person or seeded by the playbook). Payload: <c>taskId</c>, <c>title</c>,
    /// <c>owner</c>, <c>due</c>, <c>aiSystem</c>, <c>source</c> (playbook or person), <c>createdBy</c>.</summary>
    public const string TaskCreated = "task.created";

    /// <summary>A task was done. Payload: <c>taskId</c>, <c>by</c>, optional <c>reason</c>.</summary>
    public const string TaskCompleted = "task.completed";

    /// <summary>A task was waived; the reason is required. Payload: <c>taskId</c>, <c>by</c>, <c>reason</c>.</summary>
    public const string TaskWaived = "task.waived";

    /// <summary>The owner was reminded before the due time. Payload: <c>taskId</c>, <c>owner</c>, <c>due</c>.</summary>
    public const string TaskReminded = "task.reminded";

    /// <summary>The due time passed with the task open: the incident's owners were told. Payload: <c>taskId</c>, <c>owner</c>, <c>due</c>.</summary>
    public const string TaskEscalated = "task.escalated";

    /// <summary>The clocks are done and the incident waits for its post-incident review and closure.</summary>
    public const string IncidentReviewDue = "incident.review-due";

    /// <summary>The post-incident review the incident closed with. Payload: <c>rootCause</c>, <c>controlChanges</c>,
    /// <c>riskRegister</c> [{aiSystem, entry}], <c>reviewedBy</c>, <c>dualControl</c>, <c>waivedTasks</c>.</summary>
    public const string IncidentReviewed = "incident.reviewed";

    /// <summary>The incident's ticket was opened (or found, opened by an earlier attempt) in the ticketing system. Payload:
    /// <c>number</c>, <c>sysId</c>, <c>created</c>.</summary>
    public const string TicketOpened = "ticket.opened";

    /// <summary>Someone closed the incident's ticket in the ticketing system. Payload: <c>number</c>, <c>sysId</c>,
    /// <c>state</c>, <c>closeNotes</c>, <c>updatedAt</c>.</summary>
    public const string TicketClosedRemotely = "ticket.closed-remotely";

    /// <summary>The post-incident review was asked for before the clocks were done (the ticket was closed over there);
    /// the owners and the DPO were told. Payload: <c>ticket</c>, <c>blockers</c> [what stands before a close].</summary>
    public const string IncidentReviewRequested = "incident.review-requested";

    /// <summary>An <c>internal-status</c> post went to the incident's Teams channel and its owners (the playbook's
    /// <c>statusUpdates</c> cadence). Payload: <c>sequence</c>, <c>severity</c>, <c>status</c>, <c>everyMinutes</c>,
    /// <c>nearestDeadline</c>, <c>signals</c>, <c>waitingOn</c>, <c>channels</c>, <c>idempotencyKey</c>.</summary>
    public const string StatusPosted = "status.posted";

    /// <summary>The executive brief went to the executive tier at an <c>escalate-executive</c> checkpoint. Payload:
    /// <c>regime</c>, <c>checkpoint</c>, <c>fines</c> [{family, regimes, maximum, source}], <c>fallbackState</c>,
    /// <c>recipients</c>, <c>idempotencyKey</c>.</summary>
    public const string ExecutiveBriefSent = "executive.brief-sent";

    /// <summary>A second person refused a two-person request; payload: request ID, event, summary, both people, reason.</summary>
    public const string TwoPersonRejected = "approval.two-person-rejected";

    /// <summary>A card in the incident's channel says who decided an approval (or a two-person request), what and when.
    /// Payload: <c>subject</c>, <c>decision</c>, <c>by</c>, <c>tier</c>, <c>incidentTime</c>, <c>realTime</c>, <c>idempotencyKey</c>.</summary>
    public const string ApprovalFollowUpPosted = "approval.follow-up-posted";

    public static IReadOnlyList<string> All { get; } =
    [
        IncidentOpened, SignalReceived, SignalJoined, SignalsJoined, IncidentLinked, SmokeClosed,
        AssessmentCompleted, AssessmentRevised, FactsAmended,
        ContainmentSucceeded, ContainmentFailed, ContainmentHeld, ContainmentGated, IncidentContained, IncidentContainmentIncomplete, ContainmentReplanned,
        ApprovalRequested, ApprovalReminded, ApprovalDecided, ApprovalEscalated, ApprovalTimedOut, ApprovalDefaultApplied, ApprovalHeld, ApprovalWithdrawn,
        NotificationSent, NoticeDrafted, NoticeApproved, NoticeHandedOff, NoticeHandOffConfirmed, NoticeExerciseWithheld,
        ObligationSubmitted, ObligationExerciseSubmitted, ObligationLate, ObligationHeld, ObligationHoldLifted, ObligationDeadlineOnHold,
        CheckpointFired,
        IncidentFalsePositiveDeclared, CompensationSucceeded, CompensationFailed, CompensationNotApplicable,
        IncidentClosed, IncidentClocksDone, IncidentHorizonReached, IncidentContinuedAsNew,
        TaskCreated, TaskCompleted, TaskWaived, TaskReminded, TaskEscalated, IncidentReviewDue, IncidentReviewed,
        TicketOpened, TicketClosedRemotely, IncidentReviewRequested,
        StatusPosted, ExecutiveBriefSent, ApprovalFollowUpPosted, TwoPersonRejected,
        EventIgnored, EventRefused, BookkeepingFailed,
    ];
}
