using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>LGPD relevant risk by ANPD Resolution CD/ANPD 15/2024 Art. 5: significant effect and one listed criterion.</summary>
public sealed class LgpdRelevantRiskTests
{
    private static readonly Playbook Playbook = PlaybookLoader.LoadDefault();

    private static BreachFacts Brazil(BreachFacts facts) => facts with { Jurisdictions = ["BR"] };

    [Fact]
    public void Assess_HighEnisaBehaviouralDataWithoutArt5Criterion_DoesNotNotifyAnpd()
    {
        // ENISA: 2 x 1 + 0.5 + 0.5 = 3 (high) used to notify Brazil; Art. 5 needs one of its listed data kinds too.
        var facts = Brazil(Facts.Exfiltration with { DataCategories = ["contact", "behavioural"] });
        var result = new BreachAssessor().Assess(facts, Playbook);
        Assert.Equal("high", result.Severity.EnisaLevel);
        Assert.DoesNotContain(result.Obligations, o => o.Regime == "br-lgpd");
        Assert.False(Assert.Single(result.Decisions, d => d.Regime == "br-lgpd").Applies);
    }

    [Fact]
    public void Assess_ChildrensDataExposedAccidentallyEnisaLow_NotifiesAnpdAndSubjects()
    {
        // Art. 5(II): children's data; ENISA 3 x 0.5 + 0.25 = 1.75 (low) used to skip Brazil.
        var facts = Brazil(Facts.Exfiltration with { DataCategories = ["behavioural", "children"], Malicious = false, SubjectCount = 40 });
        var result = new BreachAssessor().Assess(facts, Playbook);
        Assert.Equal("low", result.Severity.EnisaLevel);
        Assert.Equal(2, result.Obligations.Count(o => o.Regime == "br-lgpd"));
    }

    [Theory]
    [InlineData("special-category", "(I)")]
    [InlineData("children", "(II)")]
    [InlineData("payment-card", "(III)")]
    [InlineData("credentials", "(IV)")]
    public void Assess_EachArt5DataCriterion_IsNamed(string category, string item)
    {
        var facts = Facts.Exfiltration with { DataCategories = ["contact", category] };
        var (relevant, reasons) = LgpdRelevantRisk.Assess(facts, GdprRisk.Assess(facts, EnisaSeverity.Assess(facts)));
        Assert.True(relevant);
        Assert.Contains(item, Assert.Single(reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_ElderlySubjectsSecrecyAndLargeScale_AreCriteriaToo()
    {
        var facts = Facts.Exfiltration with { DataCategories = ["contact"], ElderlySubjects = true, DataUnderSecrecy = true, SubjectCount = 150_000 };
        var (relevant, reasons) = LgpdRelevantRisk.Assess(facts, GdprRisk.Assess(facts, EnisaSeverity.Assess(facts)));
        Assert.True(relevant);
        var reason = Assert.Single(reasons);
        Assert.Contains("(II)", reason, StringComparison.Ordinal);
        Assert.Contains("(V)", reason, StringComparison.Ordinal);
        Assert.Contains("(VI)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_HashedPasswordsKeySafe_NoSignificantEffect()
    {
        // Authentication data (Art. 5(IV)) that nobody can read cannot significantly affect the data subjects (§1).
        var facts = Facts.Exfiltration with { DataCategories = ["credentials"], Unintelligible = true, KeyCompromised = false };
        Assert.False(LgpdRelevantRisk.Assess(facts, GdprRisk.Assess(facts, EnisaSeverity.Assess(facts))).Relevant);
    }
}
