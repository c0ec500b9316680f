using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

public sealed class EnisaSeverityTests
{
    [Theory]
    [InlineData(0, "low")]
    [InlineData(1.99, "low")]
    [InlineData(2, "medium")]
    [InlineData(2.99, "medium")]
    [InlineData(3, "high")]
    [InlineData(3.99, "high")]
    [InlineData(4, "very-high")]
    [InlineData(5.5, "very-high")]
    public void LevelOf_Boundaries_AreHalfOpen(double score, string expected)
    {
        Assert.Equal(expected, EnisaSeverity.LevelOf(score));
    }

    [Fact]
    public void Assess_MaliciousExfiltrationOfFinancialData_ScoresDpc3Ei1Cb1()
    {
        var score = EnisaSeverity.Assess(Facts.Exfiltration);
        Assert.Equal(3, score.Dpc);
        Assert.Equal(1, score.Ei);
        Assert.Equal(1, score.Cb);
        Assert.Equal(4, score.Score);
        Assert.Equal("very-high", score.Level);
    }

    [Fact]
    public void Assess_AccidentalDisclosureOfCardNumbersOnly_ScoresExactlyMediumBoundary()
    {
        // DPC 3 (financial) x EI 0.75 (card number without name) + CB 0.25 (known recipient) = 2.5 -> medium.
        var facts = Facts.Exfiltration with { DataCategories = ["payment-card"], Malicious = false };
        var score = EnisaSeverity.Assess(facts);
        Assert.Equal(2.5, score.Score);
        Assert.Equal("medium", score.Level);
    }

    [Fact]
    public void Assess_ContactDataWithAllLossesNonMalicious_ScoresOnTheHighBoundary()
    {
        // 1 x 1 + 0.25 x 3 = 1.75 -> low; with malicious intent 1 + 0.5 x 3 + 0.5 = 3 -> exactly high.
        var accidental = Facts.Exfiltration with { DataCategories = ["contact"], Malicious = false, LossOfIntegrity = true, LossOfAvailability = true };
        Assert.Equal("low", EnisaSeverity.Assess(accidental).Level);
        var malicious = accidental with { Malicious = true };
        Assert.Equal(3, EnisaSeverity.Assess(malicious).Score);
        Assert.Equal("high", EnisaSeverity.Assess(malicious).Level);
    }

    [Fact]
    public void Assess_Unintelligible_UsesEaseOfIdentificationQuarter()
    {
        var score = EnisaSeverity.Assess(Facts.Exfiltration with { Unintelligible = true });
        Assert.Equal(0.25, score.Ei);
        Assert.Equal("low", score.Level);
    }

    [Fact]
    public void Assess_ChildrensBehaviouralData_RaisesDpcByOne()
    {
        var score = EnisaSeverity.Assess(Facts.Exfiltration with { DataCategories = ["behavioural", "children"] });
        Assert.Equal(3, score.Dpc);
    }

    [Fact]
    public void Assess_AnyBreach_NamesEveryFactorInTheRationale()
    {
        var score = EnisaSeverity.Assess(Facts.Exfiltration with { LossOfIntegrity = true });
        Assert.Contains(score.Rationale, r => r.StartsWith("DPC base 3", StringComparison.Ordinal));
        Assert.Contains(score.Rationale, r => r.StartsWith("EI 1", StringComparison.Ordinal));
        Assert.Contains(score.Rationale, r => r.Contains("confidentiality", StringComparison.Ordinal));
        Assert.Contains(score.Rationale, r => r.Contains("integrity", StringComparison.Ordinal));
        Assert.Contains(score.Rationale, r => r.Contains("malicious intent", StringComparison.Ordinal));
        Assert.Contains(score.Rationale, r => r.StartsWith("SE = DPC x EI + CB", StringComparison.Ordinal));
    }
}
