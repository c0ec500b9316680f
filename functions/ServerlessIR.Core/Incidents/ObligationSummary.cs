namespace ServerlessIR.Core.Incidents;

/// <summary>
/// One obligation with its checkpoints and <see cref="ObligationStatus"/>. A submitted obligation carries when
/// (incident time) and the regulator's reference, if one was given.
/// </summary>
public sealed record ObligationSummary(
    string Regime,
    string Recipient,
    DateTimeOffset? Deadline,
    string DeadlineKind,
    ObligationStatus Status,
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
