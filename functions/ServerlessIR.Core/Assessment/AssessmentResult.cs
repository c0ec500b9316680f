namespace ServerlessIR.Core.Assessment;

/// <summary>The output of <c>./ir assess</c>: severity, whether to notify, and every obligation with its deadline.</summary>
public sealed record AssessmentResult(
    SeverityAssessment Severity,
    bool NotifySupervisoryAuthority,
    bool NotifyDataSubjects,
    IReadOnlyList<Obligation> Obligations);
