using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>NIS2 significance by Commission Implementing Regulation (EU) 2024/2690 Art. 3 and 11 (online marketplaces).</summary>
public sealed class Nis2SignificanceTests
{
    private static readonly Playbook Playbook = PlaybookLoader.LoadDefault();

    private static BreachFacts Marketplace(BreachFacts facts, long unionUsers = 10_000_000) => facts with
    {
        Organisation = new OrganisationFacts { Nis2Entity = true, EntityType = "online-marketplace", UnionUsers = unionUsers },
    };

    private static (bool Significant, IReadOnlyList<string> Reasons) Assess(BreachFacts facts) =>
        Nis2Significance.Assess(facts, facts.Organisation.EntityType, GdprRisk.Assess(facts, EnisaSeverity.Assess(facts)));

    [Fact]
    public void Assess_MarketplaceMaliciousCompromiseOfOneUser_IsSignificantWhateverTheNumber()
    {
        // 2024/2690 Art. 11(c): suspectedly malicious compromise of the marketplace's data, whatever the number of users.
        var facts = Marketplace(Facts.Exfiltration with { SubjectCount = 1, DataCategories = ["contact"] });
        var (significant, reasons) = Assess(facts);
        Assert.True(significant);
        Assert.Contains(reasons, r => r.StartsWith("Art. 11(c)", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_MarketplaceAccidentalCompromiseBelowThreshold_IsNotSignificant()
    {
        var facts = Marketplace(Facts.Exfiltration with { Malicious = false, SubjectCount = 400_000 });
        Assert.False(Assess(facts).Significant);
    }

    [Fact]
    public void Assess_MarketplaceAccidentalCompromiseAboveFivePercent_IsSignificant()
    {
        // Art. 11(d): more than 5 % of 4 million Union users (200,000), which is smaller than 1 million.
        var facts = Marketplace(Facts.Exfiltration with { Malicious = false, SubjectCount = 200_001 }, unionUsers: 4_000_000);
        var (significant, reasons) = Assess(facts);
        Assert.True(significant);
        Assert.Contains(reasons, r => r.StartsWith("Art. 11(d)", StringComparison.Ordinal));
        Assert.False(Assess(facts with { SubjectCount = 200_000 }).Significant);
    }

    [Fact]
    public void Assess_MarketplaceCompletelyUnavailableForMillionUsers_IsSignificant()
    {
        // Art. 11(a): 1 million is smaller than 5 % of 50 million Union users.
        var outage = Facts.Exfiltration with
        {
            Malicious = false, LossOfConfidentiality = false, LossOfAvailability = true,
            ServiceImpact = new ServiceImpactFacts { Unavailability = "complete", UsersAffected = 1_000_001 },
        };
        Assert.True(Assess(Marketplace(outage, unionUsers: 50_000_000)).Significant);
    }

    [Fact]
    public void Assess_FinancialLossAboveFivePercentOfTurnover_IsSignificantUnderArticle3()
    {
        // Art. 3(1)(a): EUR 500,000 or 5 % of turnover, whichever is lower: 5 % of EUR 4 million is EUR 200,000.
        var facts = Facts.Exfiltration with
        {
            Malicious = false, LossOfConfidentiality = false, LossOfAvailability = true,
            Organisation = new OrganisationFacts { Nis2Entity = true, EntityType = "other", AnnualTurnoverEur = 4_000_000 },
            ServiceImpact = new ServiceImpactFacts { FinancialLossEur = 250_000 },
        };
        var (significant, reasons) = Assess(facts);
        Assert.True(significant);
        Assert.Contains(reasons, r => r.StartsWith("Art. 3(1)(a)", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_OtherEntityMaliciousButNotHighRisk_IsNotSignificant()
    {
        // Outside 2024/2690's digital providers, a malicious compromise alone is not the test (NIS2 Art. 23(3)).
        var facts = Facts.Exfiltration with
        {
            DataCategories = ["behavioural"], SubjectCount = 10, LossOfConfidentiality = true,
            Organisation = new OrganisationFacts { Nis2Entity = true, EntityType = "other" },
        };
        Assert.False(Assess(facts).Significant);
    }

    [Fact]
    public void Assess_Sev3MaliciousMarketplaceIncident_NotifiesCsirtWhereTheOldSevGateDidNot()
    {
        // A low-criticality AI system keeps the SEV level at SEV3, which the old SEV1/SEV2 gate read as "not significant".
        var facts = Marketplace(Facts.Exfiltration with
        {
            DataCategories = ["behavioural"], SubjectCount = 3,
            AiSystem = new AiSystemFacts { Criticality = "low" },
        });
        var result = new BreachAssessor().Assess(facts, Playbook);
        Assert.NotEqual("SEV1", result.Severity.Level);
        Assert.NotEqual("SEV2", result.Severity.Level);
        Assert.Contains(result.Obligations, o => o.Regime == "nis2-early-warning");
        var decision = Assert.Single(result.Decisions, d => d.Regime == "nis2-early-warning");
        Assert.True(decision.Applies);
        Assert.Contains("2024/2690", decision.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_MarketplaceNotSignificant_HasNoNis2ObligationAndSaysWhy()
    {
        var facts = Marketplace(Facts.Exfiltration with { Malicious = false, SubjectCount = 20 });
        var result = new BreachAssessor().Assess(facts, Playbook);
        Assert.DoesNotContain(result.Obligations, o => o.Regime.StartsWith("nis2", StringComparison.Ordinal));
        Assert.False(Assert.Single(result.Decisions, d => d.Regime == "nis2-early-warning").Applies);
    }
}
