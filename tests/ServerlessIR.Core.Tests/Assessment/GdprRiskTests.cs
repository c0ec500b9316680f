using ServerlessIR.Core.Assessment;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>Scale, unintelligible data and the EDPB adjustments, weighed outside the ENISA score (docs/severity.md).</summary>
public sealed class GdprRiskTests
{
    private static BreachFacts StolenNotebook(long subjects) => new()
    {
        AwareAt = Facts.AwareAt, Jurisdictions = ["DE"], DataCategories = ["contact"], SubjectCount = subjects,
        Malicious = true, LossOfConfidentiality = true,
    };

    private static GdprRisk Assess(BreachFacts facts) => GdprRisk.Assess(facts, EnisaSeverity.Assess(facts));

    [Fact]
    public void Assess_UnencryptedIdentityDataOf100000People_HighRiskAlthoughEnisaMedium()
    {
        // EDPB 01/2021 case 11: basic identity data of more than 100,000 customers -> authority and data subjects.
        var facts = StolenNotebook(ScaleTest.LargeScale);
        Assert.Equal("medium", EnisaSeverity.Assess(facts).Level);
        var risk = Assess(facts);
        Assert.True(risk.Likely);
        Assert.True(risk.High);
        Assert.Contains(risk.Reasons, r => r.StartsWith("Large scale", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_SameBreachOf99999People_StaysMediumNotHigh()
    {
        var risk = Assess(StolenNotebook(ScaleTest.LargeScale - 1));
        Assert.True(risk.Likely);
        Assert.False(risk.High);
    }

    [Fact]
    public void Assess_AccidentalContactDisclosureTo500People_RiskLikelyAlthoughEnisaLow()
    {
        // ENISA 1 x 1 + 0.25 = 1.25 (low); 500 people is the scale PDPA s. 26B(1)(b) and 45 CFR 164.406 treat as notifiable by size.
        var facts = StolenNotebook(ScaleTest.SignificantScale) with { Malicious = false };
        Assert.Equal("low", EnisaSeverity.Assess(facts).Level);
        Assert.True(Assess(facts).Likely);
        Assert.False(Assess(facts with { SubjectCount = ScaleTest.SignificantScale - 1 }).Likely);
    }

    [Fact]
    public void Assess_AvailabilityOnlyBreachOf200000People_ScaleDoesNotRaiseIt()
    {
        // EDPB 01/2021 case 01: an availability breach is weighed by how long the data were missing, not by headcount.
        var facts = StolenNotebook(200_000) with { LossOfConfidentiality = false, LossOfAvailability = true, Malicious = false };
        Assert.False(Assess(facts).High);
    }

    [Fact]
    public void Assess_EncryptedSpecialCategoryDataStolenMaliciouslyKeySafe_NotNotifiable()
    {
        // EDPB 9/2022 II.D: confidentiality breach of properly encrypted data, key safe, copy intact -> no notification,
        // however malicious the theft and however many people (ENISA's CB and malice points must not push it over).
        var facts = StolenNotebook(500_000) with { DataCategories = ["special-category"], Unintelligible = true, KeyCompromised = false };
        var risk = Assess(facts);
        Assert.False(risk.Likely);
        Assert.False(risk.High);
        Assert.Contains(risk.Reasons, r => r.Contains("9/2022 II.D", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_EncryptedDataWithCompromisedKey_IsIntelligibleAndNotified()
    {
        // EDPB 9/2022 II.D: the exemption holds only while the key is safe.
        var facts = StolenNotebook(5000) with { DataCategories = ["contact", "special-category"], Unintelligible = true, KeyCompromised = true };
        Assert.Equal(1, EnisaSeverity.Assess(facts).Ei);
        var risk = Assess(facts);
        Assert.True(risk.Likely);
        Assert.True(risk.High);
    }

    [Fact]
    public void Assess_EncryptedDataAlsoLostWithoutCopy_StaysInTheEnisaAssessment()
    {
        // The copy is not intact (availability lost): unintelligibility covers the confidentiality part only.
        var facts = StolenNotebook(50) with
        {
            DataCategories = ["special-category"], Unintelligible = true, KeyCompromised = false, LossOfAvailability = true,
        };
        var enisa = EnisaSeverity.Assess(facts);
        Assert.Equal(2, enisa.Score); // 4 x 0.25 + 0 (ciphertext) + 0.5 (availability, malicious) + 0.5 (malice)
        Assert.True(Assess(facts).Likely);
    }

    [Fact]
    public void Assess_ContainedDisclosureOfFinancialData_IsNotAdjustedDown()
    {
        // EDPB 01/2021 case 14: sensitive or financial data sent by mistake are notified even to a known recipient.
        var facts = StolenNotebook(3) with
        {
            DataCategories = ["contact", "financial"], Malicious = false, RecipientsKnown = true, DataRetrieved = true,
        };
        Assert.True(Assess(facts).Likely);
    }
}
