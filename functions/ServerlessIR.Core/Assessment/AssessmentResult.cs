namespace ServerlessIR.Core.Assessment;

/// <summary>The output of <c>./ir assess</c>: severity, whether to notify, and every obligation with its deadline.</summary>
public sealed record AssessmentResult(
    SeverityAssessment Severity,
    bool NotifySupervisoryAuthority,
    bool NotifyDataSubjects,
    IReadOnlyList<Obligation> Obligations)
{
    /// <summary>Per regime, why it applies or not (structured; <c>--explain</c> prints them). Regimes not yet converted only add rationale lines.</summary>
    public IReadOnlyList<RegimeDecision> Decisions { get; init; } = [];
}
