using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Decides severity and obligations from breach facts. This first rule set covers GDPR Art. 33 only;
/// the assessment issue deepens it into the full regime catalog.
/// </summary>
public sealed class BreachAssessor
{
    /// <summary>Assesses <paramref name="facts"/> under the organisation described by <paramref name="playbook"/>.</summary>
    public AssessmentResult Assess(BreachFacts facts, Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(playbook);
        var sensitive = facts.DataCategories.Any(c => c is "financial" or "payment-card" or "credentials" or "special-category");
        var level = sensitive || facts.SubjectCount >= 10_000 ? "SEV1" : facts.SubjectCount >= 100 ? "SEV2" : "SEV3";
        var severity = new SeverityAssessment(0, "unknown", level,
            [$"first rule: sensitive categories={sensitive}, subjects={facts.SubjectCount} -> {level}"]);
        var obligations = new List<Obligation>
        {
            new()
            {
                Regime = "gdpr-art33",
                Recipient = playbook.Organisation.LeadSupervisoryAuthority ?? "lead supervisory authority",
                ClockStart = facts.AwareAt,
                Deadline = facts.AwareAt.AddHours(72),
                DeadlineKind = "fixed",
                TimeZone = "Europe/Berlin",
                Source = "GDPR Art. 33(1)",
            },
        };
        return new AssessmentResult(severity, true, level == "SEV1", obligations);
    }
}
