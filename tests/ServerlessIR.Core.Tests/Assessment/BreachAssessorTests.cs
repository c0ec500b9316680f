using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

public sealed class BreachAssessorTests
{
    private static readonly Playbook Default = PlaybookLoader.LoadDefault();

    /// <summary>The default organisation with no regulated-sector status, so each test switches on what it checks.</summary>
    private static Playbook Plain => Default with
    {
        Organisation = Default.Organisation with { Nis2Entity = false, DoraEntity = false, SecRegistrant = false, HipaaCoveredEntity = false },
    };

    private static AssessmentResult Assess(BreachFacts facts, Playbook? playbook = null) => new BreachAssessor().Assess(facts, playbook ?? Plain);

    private static Obligation Single(AssessmentResult result, string regime) => Assert.Single(result.Obligations, o => o.Regime == regime);

    [Fact]
    public void Assess_MainEstablishmentInEu_NotifiesOnlyTheLeadAuthority()
    {
        var result = Assess(Facts.Exfiltration);
        var art33 = Single(result, "gdpr-art33");
        Assert.Equal(Default.Organisation.LeadSupervisoryAuthority, art33.Recipient);
        Assert.Equal(Facts.AwareAt.AddHours(72), art33.Deadline);
        Assert.Equal("fixed", art33.DeadlineKind);
        Assert.Equal("Europe/Berlin", art33.TimeZone);
        Assert.True(result.NotifySupervisoryAuthority);
    }

    [Fact]
    public void Assess_NoEuMainEstablishment_NotifiesEachConcernedAuthority()
    {
        var playbook = Plain with { Organisation = Plain.Organisation with { EuMainEstablishment = null, LeadSupervisoryAuthority = null } };
        var result = Assess(Facts.Exfiltration, playbook);
        var recipients = result.Obligations.Where(o => o.Regime == "gdpr-art33").Select(o => o.Recipient).ToList();
        Assert.Equal(2, recipients.Count);
        Assert.Contains(recipients, r => r.Contains("CNIL", StringComparison.Ordinal));
        Assert.Contains(recipients, r => r.Contains("German", StringComparison.Ordinal));
        Assert.Equal("Europe/Paris", result.Obligations.Single(o => o.Recipient.Contains("CNIL", StringComparison.Ordinal)).TimeZone);
    }

    [Fact]
    public void Assess_MainEstablishmentFromFacts_OverridesPlaybookAndUsesCatalogAuthority()
    {
        var facts = Facts.Exfiltration with { Organisation = new OrganisationFacts { EuMainEstablishment = "IE" } };
        var art33 = Single(Assess(facts), "gdpr-art33");
        Assert.Equal("Data Protection Commission (DPC)", art33.Recipient);
        Assert.Equal("Europe/Dublin", art33.TimeZone);
    }

    [Fact]
    public void Assess_HighRisk_NotifiesDataSubjectsWithoutUndueDelay()
    {
        var result = Assess(Facts.Exfiltration);
        var art34 = Single(result, "gdpr-art34");
        Assert.Null(art34.Deadline);
        Assert.Equal("without-undue-delay", art34.DeadlineKind);
        Assert.True(result.NotifyDataSubjects);
    }

    [Fact]
    public void Assess_EncryptedSpecialCategoryDataAlteredAndLost_NotifiesAuthorityNotSubjects()
    {
        // 4 x 0.25 + 0 (only ciphertext disclosed, EDPB 9/2022 II.D) + 0.5 + 0.5 + 0.5 = 2.5 (medium): the integrity and
        // availability losses still need the authority; the subjects' data stayed unreadable (Art. 34(3)(a)).
        var facts = Facts.Exfiltration with
        {
            DataCategories = ["special-category"], Unintelligible = true, KeyCompromised = false, LossOfIntegrity = true, LossOfAvailability = true,
        };
        var result = Assess(facts);
        Assert.Equal("medium", result.Severity.EnisaLevel);
        Assert.Single(result.Obligations, o => o.Regime == "gdpr-art33");
        Assert.DoesNotContain(result.Obligations, o => o.Regime == "gdpr-art34");
        Assert.False(result.NotifyDataSubjects);
        Assert.Contains(result.Severity.Rationale, r => r.Contains("only unintelligible data", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_SeriousIncidentOnNotHighRiskFraudScoring_HasNoAiActObligation()
    {
        var facts = Facts.Exfiltration with { AiSystem = new AiSystemFacts { Id = "checkout-fraud-scoring", SeriousIncident = true } };
        var result = Assess(facts);
        Assert.DoesNotContain(result.Obligations, o => o.Regime == "eu-ai-act-art73");
        Assert.Contains(result.Severity.Rationale, r => r.Contains("expressly excludes AI used to detect financial fraud", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_SeriousIncidentOnHighRiskBnplScoring_Reports15DaysFlaggedVerifyBeforeDecember2027()
    {
        var facts = Facts.Exfiltration with { AiSystem = new AiSystemFacts { Id = "bnpl-credit-scoring", SeriousIncident = true } };
        var result = Assess(facts);
        var reports = result.Obligations.Where(o => o.Regime == "eu-ai-act-art73").ToList();
        Assert.Equal(2, reports.Count); // DE and FR
        var de = reports.Single(o => o.TimeZone == "Europe/Berlin");
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 22, 59, 59, 999, TimeSpan.Zero), de.Deadline);
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 22, 59, 59, 999, TimeSpan.Zero), de.ExtendedDeadline);
        Assert.True(de.Verify);
        Assert.Contains(de.Notes, n => n.Contains("2 Dec 2027", StringComparison.Ordinal));
        Assert.Equal("SEV1", result.Severity.Level);
    }

    [Fact]
    public void Assess_SeriousIncidentAfterAnnexIIIDate_IsNotFlaggedForTheDate()
    {
        var facts = Facts.Exfiltration with
        {
            AwareAt = new DateTimeOffset(2028, 3, 1, 9, 0, 0, TimeSpan.Zero),
            AiSystem = new AiSystemFacts { Id = "bnpl-credit-scoring", SeriousIncident = true, SeriousIncidentKind = "death" },
        };
        var report = Assess(facts).Obligations.First(o => o.Regime == "eu-ai-act-art73");
        Assert.False(report.Verify);
        Assert.Equal(new DateTimeOffset(2028, 3, 11, 22, 59, 59, 999, TimeSpan.Zero), report.Deadline); // 10 days, Berlin CET
    }

    [Theory]
    [InlineData("widespread-infringement", 2)]
    [InlineData("critical-infrastructure", 2)]
    [InlineData("death", 10)]
    [InlineData("other", 15)]
    public void Assess_SeriousIncidentKind_PicksArt73Period(string kind, int days)
    {
        var facts = Facts.Exfiltration with { AiSystem = new AiSystemFacts { HighRisk = true, SeriousIncident = true, SeriousIncidentKind = kind } };
        var report = Assess(facts).Obligations.First(o => o.Regime == "eu-ai-act-art73");
        var expected = DeadlineCalculator.AddDays(Facts.AwareAt, days, DeadlineCalculator.ResolveTimeZone("Europe/Berlin"));
        Assert.Equal(expected, report.Deadline);
    }

    [Fact]
    public void Assess_NotNis2Entity_HasNoNis2Obligations()
    {
        Assert.DoesNotContain(Assess(Facts.Exfiltration).Obligations, o => o.Regime.StartsWith("nis2", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_Nis2Entity_EarlyWarningNotificationAndFinalReportChained()
    {
        var facts = Facts.Exfiltration with { Organisation = new OrganisationFacts { Nis2Entity = true } };
        var result = Assess(facts);
        var warning = Single(result, "nis2-early-warning");
        var notification = Single(result, "nis2-notification");
        var final = Single(result, "nis2-final-report");
        Assert.Equal(Facts.AwareAt.AddHours(24), warning.Deadline);
        Assert.Equal(Facts.AwareAt.AddHours(72), notification.Deadline);
        Assert.Equal(notification.Deadline, final.ClockStart);
        Assert.Equal(new DateTimeOffset(2026, 12, 30, 22, 59, 59, 999, TimeSpan.Zero), final.Deadline); // 30 Nov -> 30 Dec, Berlin
        Assert.Contains("BSI", warning.Recipient, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_SecRegistrant_CountsFourBusinessDaysFromMaterialityDetermination()
    {
        var determined = new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
        var facts = Facts.Exfiltration with { Organisation = new OrganisationFacts { SecRegistrant = true, MaterialityDeterminedAt = determined } };
        var filing = Single(Assess(facts), "us-sec-8k-1.05");
        Assert.Equal(determined, filing.ClockStart);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 4, 59, 59, 999, TimeSpan.Zero), filing.Deadline);
        Assert.Equal("America/New_York", filing.TimeZone);
    }

    [Fact]
    public void Assess_SecRegistrantWithoutDetermination_HasNoFixedDeadlineYet()
    {
        var facts = Facts.Exfiltration with { Organisation = new OrganisationFacts { SecRegistrant = true } };
        var filing = Single(Assess(facts), "us-sec-8k-1.05");
        Assert.Null(filing.Deadline);
        Assert.Equal("without-undue-delay", filing.DeadlineKind);
    }

    [Fact]
    public void Assess_DoraClassified_InitialIsFourHoursCappedAt24FromAwareness()
    {
        var facts = Facts.Exfiltration with
        {
            Organisation = new OrganisationFacts { DoraEntity = true, DoraClassifiedAt = Facts.AwareAt.AddHours(22) },
        };
        var result = Assess(facts);
        Assert.Equal(Facts.AwareAt.AddHours(24), Single(result, "dora-initial").Deadline);
        Assert.Equal(Facts.AwareAt.AddHours(24 + 72), Single(result, "dora-intermediate").Deadline);
        Assert.Contains("BaFin", Single(result, "dora-final").Recipient, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_BrazilianSubjects_NotifyAnpdAndSubjectsInThreeBusinessDays()
    {
        var facts = Facts.Exfiltration with { Jurisdictions = ["BR"], AwareAt = new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero) };
        var result = Assess(facts);
        var lgpd = result.Obligations.Where(o => o.Regime == "br-lgpd").ToList();
        Assert.Equal(2, lgpd.Count);
        Assert.All(lgpd, o => Assert.Equal(new DateTimeOffset(2026, 11, 25, 2, 59, 59, 999, TimeSpan.Zero), o.Deadline));
        Assert.Contains(lgpd, o => o.Recipient.Contains("ANPD", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Obligations, o => o.Regime == "gdpr-art33" && o.Recipient.Contains("CNIL", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_SingaporeNotifiable_PdpcThreeCalendarDaysFromAssessment()
    {
        var assessed = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var facts = Facts.Exfiltration with { Jurisdictions = ["SG"], Organisation = new OrganisationFacts { NotifiableAssessedAt = assessed } };
        var pdpc = Assert.Single(Assess(facts).Obligations, o => o.Regime == "sg-pdpa" && o.RecipientKind == "supervisory-authority");
        Assert.Equal(assessed, pdpc.ClockStart);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 15, 59, 59, 999, TimeSpan.Zero), pdpc.Deadline);
    }

    [Fact]
    public void Assess_CaliforniaResidentsWithFinancialData_ResidentsAndAttorneyGeneralFlaggedVerify()
    {
        var facts = Facts.Exfiltration with { Jurisdictions = ["US-CA"] };
        var ca = Assess(facts).Obligations.Where(o => o.Regime == "us-ca-civ-1798.82").ToList();
        Assert.Equal(2, ca.Count);
        Assert.All(ca, o => Assert.True(o.Verify));
        var residents = ca.Single(o => o.RecipientKind == "data-subjects");
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 7, 59, 59, 999, TimeSpan.Zero), residents.Deadline); // 30 days, PST
    }

    [Fact]
    public void Assess_HipaaCoveredEntityWithHealthData_IndividualsHhsAndMedia()
    {
        var facts = Facts.Exfiltration with
        {
            Jurisdictions = ["US-NY"], DataCategories = ["contact", "special-category"],
            Organisation = new OrganisationFacts { HipaaCoveredEntity = true },
        };
        var hipaa = Assess(facts).Obligations.Where(o => o.Regime == "us-hipaa").ToList();
        Assert.Equal(3, hipaa.Count);
        Assert.All(hipaa, o => Assert.Equal(new DateTimeOffset(2027, 1, 27, 4, 59, 59, 999, TimeSpan.Zero), o.Deadline));
    }

    [Fact]
    public void Assess_PaymentCardCompromise_AcquirerNowAndBrandsInThreeBusinessDaysBothVerify()
    {
        var facts = Facts.Exfiltration with { DataCategories = ["contact", "payment-card"] };
        var pci = Assess(facts).Obligations.Where(o => o.Regime == "pci-card-brands").ToList();
        Assert.Equal(2, pci.Count);
        Assert.All(pci, o => Assert.True(o.Verify));
        Assert.Single(pci, o => o.DeadlineKind == "without-undue-delay");
    }

    [Fact]
    public void Assess_SampleFacts_OneObligationPerRegimeAndRecipient()
    {
        var facts = BreachFactsReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Assessment", "breach-facts.sample.json")));
        var result = new BreachAssessor().Assess(facts, Default);
        Assert.Equal(result.Obligations.Count, result.Obligations.Select(o => (o.Regime, o.Recipient)).Distinct().Count());
        var regimes = result.Obligations.Select(o => o.Regime).ToHashSet();
        foreach (var expected in new[] { "gdpr-art33", "gdpr-art34", "eu-ai-act-art73", "nis2-early-warning", "nis2-notification", "nis2-final-report", "br-lgpd", "us-sec-8k-1.05", "us-ca-civ-1798.82", "pci-card-brands" })
        {
            Assert.Contains(expected, regimes);
        }
    }

    [Fact]
    public void Assess_FraudScoringCheckoutCriticalMediumRisk_IsSev2()
    {
        // Accidental disclosure of card numbers: ENISA 2.5 (medium) x checkout-critical -> SEV2.
        var facts = Facts.Exfiltration with
        {
            DataCategories = ["payment-card"], Malicious = false, AiSystem = new AiSystemFacts { Id = "checkout-fraud-scoring" },
        };
        var severity = Assess(facts).Severity;
        Assert.Equal("medium", severity.EnisaLevel);
        Assert.Equal("SEV2", severity.Level);
        Assert.Contains(severity.Rationale, r => r == "severity matrix: ENISA medium x checkout-critical -> SEV2");
    }

    [Fact]
    public void Catalog_EveryRule_HasSourceAndKnownRegimeId()
    {
        string[] ids =
        [
            "gdpr-art33", "gdpr-art34", "uk-gdpr-art33", "uk-gdpr-art34", "eu-ai-act-art73", "nis2-early-warning", "nis2-notification",
            "nis2-final-report", "dora-initial", "dora-intermediate", "dora-final", "br-lgpd", "sg-pdpa", "us-sec-8k-1.05",
            "us-ca-civ-1798.82", "us-hipaa", "pci-card-brands",
            "au-ndb-26wk", "au-ndb-26wl", "ca-pipeda-10.1", "ca-pipeda-10.1-individuals", "ca-qc-law25", "ca-qc-law25-individuals",
            "ch-revfadp-art24", "ch-revfadp-art24-individuals", "jp-appi-art26-preliminary", "jp-appi-art26-final",
            "jp-appi-art26-individuals", "kr-pipa-art34-individuals", "kr-pipa-art34-pipc", "in-dpdp-rule7-intimation",
            "in-dpdp-rule7-report", "in-dpdp-rule7-individuals", "us-ftc-safeguards-314.4j", "us-ny-gbl-899-aa", "us-tx-bcc-521.053",
            "us-fl-stat-501.171", "us-co-crs-6-1-716", "us-wa-rcw-19.255.010", "eu-ai-act-art26-5", "nis2-art23-1-recipients",
        ];
        var catalog = RegimeCatalog.Default;
        Assert.Equal(ids.Order(), catalog.Rules.Select(r => r.Regime).Distinct().Order());
        Assert.All(catalog.Rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Source));
            _ = r.PeriodUnit;
            Assert.Equal(r.PeriodUnit == PeriodUnit.WithoutUndueDelay, r.Amount is null);
        });
        Assert.All(catalog.Rules.Where(r => r.Regime is "us-ca-civ-1798.82" or "pci-card-brands"), r => Assert.True(r.Verify));
        Assert.All(catalog.Countries.Values, c => DeadlineCalculator.ResolveTimeZone(c.TimeZone));
    }
}
