namespace ServerlessIR.Core.Incidents;

/// <summary>
/// One obligation with its checkpoints. Status: <c>Pending</c>, <c>Scheduled</c> (beyond a drill's horizon), <c>Submitted</c>,
/// <c>Late</c> (deadline passed unsubmitted: reasons for delay required), <c>OnHold</c> (law-enforcement hold), or
/// <c>NotRequired</c> (amended facts or a false positive took the duty away). A submitted obligation carries when
/// (incident time) and the regulator's reference, if one was given.
/// </summary>
public sealed record ObligationSummary(
    string Regime,
    string Recipient,
    DateTimeOffset? Deadline,
    string DeadlineKind,
    string Status,
    IReadOnlyList<CheckpointSummary> Checkpoints,
    string? Source = null,
    DateTimeOffset? SubmittedAt = null,
    string? Reference = null)
{
    /// <summary>A law-enforcement hold in force on this obligation's notice.</summary>
    public LawEnforcementHold? Hold { get; init; }

    /// <summary>The deadline passed without a submission: the late notice must give the reasons for the delay (GDPR Art. 33(1)).</summary>
    public bool ReasonsForDelayRequired { get; init; }

    /// <summary>Why the status last changed, in a sentence (e.g. "facts amended: data unintelligible").</summary>
    public string? StatusReason { get; init; }
}
