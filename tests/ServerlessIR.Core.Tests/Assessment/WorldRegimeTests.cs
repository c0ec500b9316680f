using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>
/// The regimes beyond the EU, UK, Brazil, Singapore, SEC, California and HIPAA (issue 14 item 2): for each, when it applies
/// and when not, its period and its recipient, with the provision cited in the test name or comment. Awareness is Friday
/// 27 Nov 2026 10:00 UTC (<see cref="Facts.AwareAt"/>).
/// </summary>
public sealed class WorldRegimeTests
{
    private static readonly Playbook Default = PlaybookLoader.LoadDefault();

    private static Playbook Plain => Default with
    {
        Organisation = Default.Organisation with { Nis2Entity = false, DoraEntity = false, SecRegistrant = false, HipaaCoveredEntity = false },
    };

    private static AssessmentResult Assess(BreachFacts facts, Playbook? playbook = null) => new BreachAssessor().Assess(facts, playbook ?? Plain);

    private static BreachFacts In(params string[] jurisdictions) => Facts.Exfiltration with { Jurisdictions = jurisdictions };

    private static Obligation Single(AssessmentResult result, string regime) => Assert.Single(result.Obligations, o => o.Regime == regime);

    private static bool Has(AssessmentResult result, string regime) => result.Obligations.Any(o => o.Regime == regime);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 59, int second = 59, int ms = 999) =>
        new(year, month, day, hour, minute, second, ms, TimeSpan.Zero);

    // Privacy Act 1988 (Cth) s. 26WE, 26WK(2), 26WL: statement to the OAIC and notice to individuals as soon as practicable.
    [Fact]
    public void Assess_AustraliaSeriousHarm_Section26WK_StatementToOaicAndIndividualsAsSoonAsPracticable()
    {
        var result = Assess(In("AU"));
        var oaic = Single(result, "au-ndb-26wk");
        Assert.Contains("OAIC", oaic.Recipient, StringComparison.Ordinal);
        Assert.Null(oaic.Deadline);
        Assert.Equal("Australia/Sydney", oaic.TimeZone);
        Assert.Contains(oaic.Notes, n => n.Contains("26WH(2)", StringComparison.Ordinal));
        Assert.Equal("data-subjects", Single(result, "au-ndb-26wl").RecipientKind);
    }

    // s. 26WF: data that stay unintelligible are no eligible data breach.
    [Fact]
    public void Assess_AustraliaUnintelligible_Section26WE_NotEligible()
    {
        var result = Assess(In("AU") with { Unintelligible = true });
        Assert.False(Has(result, "au-ndb-26wk"));
        Assert.Contains(result.Severity.Rationale, r => r.Contains("Part IIIC not triggered", StringComparison.Ordinal));
    }

    // PIPEDA s. 10.1(1)-(3): real risk of significant harm -> OPC and individuals, as soon as feasible.
    [Fact]
    public void Assess_CanadaRealRiskOfSignificantHarm_Pipeda10_1_ReportsToOpcAndIndividuals()
    {
        var result = Assess(In("CA"));
        var opc = Single(result, "ca-pipeda-10.1");
        Assert.Equal("Office of the Privacy Commissioner of Canada (OPC)", opc.Recipient);
        Assert.Equal("without-undue-delay", opc.DeadlineKind);
        Assert.True(Has(result, "ca-pipeda-10.1-individuals"));
        Assert.False(Has(result, "ca-qc-law25"));
    }

    [Fact]
    public void Assess_CanadaEncrypted_Pipeda10_1_NotTriggered() =>
        Assert.False(Has(Assess(In("CA") with { Unintelligible = true }), "ca-pipeda-10.1"));

    // Québec Private Sector Act (P-39.1) s. 3.5 as amended by Law 25: risk of serious injury -> CAI and persons, promptly.
    [Fact]
    public void Assess_QuebecResidents_Law25Section3_5_NotifiesCaiPromptlyBesidesPipeda()
    {
        var result = Assess(In("CA-QC"));
        var cai = Single(result, "ca-qc-law25");
        Assert.Contains("Commission d'accès à l'information", cai.Recipient, StringComparison.Ordinal);
        Assert.Null(cai.Deadline);
        Assert.True(Has(result, "ca-qc-law25-individuals"));
        Assert.True(Has(result, "ca-pipeda-10.1"));
    }

    [Fact]
    public void Assess_QuebecLowRisk_Law25Section3_5_RegisterOnly()
    {
        var result = Assess(In("CA-QC") with { Unintelligible = true });
        Assert.False(Has(result, "ca-qc-law25"));
        Assert.Contains(result.Severity.Rationale, r => r.Contains("register (s. 3.8)", StringComparison.Ordinal));
    }

    // FADP Art. 24(1), (4): high risk -> FDPIC as quickly as possible; data subjects when required for their protection.
    [Fact]
    public void Assess_SwitzerlandHighRisk_FadpArt24_NotifiesFdpic()
    {
        var result = Assess(In("CH"));
        var fdpic = Single(result, "ch-revfadp-art24");
        Assert.Contains("FDPIC", fdpic.Recipient, StringComparison.Ordinal);
        Assert.Equal("Europe/Zurich", fdpic.TimeZone);
        Assert.Null(fdpic.Deadline);
        Assert.True(Has(result, "ch-revfadp-art24-individuals"));
    }

    [Fact]
    public void Assess_SwitzerlandUnintelligible_FadpArt24_NotTriggered() =>
        Assert.False(Has(Assess(In("CH") with { Unintelligible = true }), "ch-revfadp-art24"));

    // APPI Art. 26(1); Enforcement Rules Art. 7(3), 8(2): a leakage possibly for an unauthorised purpose -> final report in 60 days.
    [Fact]
    public void Assess_JapanUnauthorisedPurpose_AppiRules8_2_FinalReportIn60Days()
    {
        var result = Assess(In("JP"));
        Assert.Null(Single(result, "jp-appi-art26-preliminary").Deadline);
        var final = Single(result, "jp-appi-art26-final");
        Assert.Equal(Utc(2027, 1, 26, 14), final.Deadline);
        Assert.Equal("Asia/Tokyo", final.TimeZone);
        Assert.Contains("PPC", final.Recipient, StringComparison.Ordinal);
        Assert.True(Has(result, "jp-appi-art26-individuals"));
    }

    // Rules Art. 7(4), 8(2): more than 1,000 persons, no unauthorised purpose -> 30 days, the first day not counted.
    [Fact]
    public void Assess_JapanOverThousandPersons_AppiRules8_2_FinalReportIn30Days()
    {
        var facts = In("JP") with { Malicious = false, DataCategories = ["contact"], SubjectCount = 1001 };
        Assert.Equal(Utc(2026, 12, 27, 14), Single(Assess(facts), "jp-appi-art26-final").Deadline);
    }

    // Rules Art. 7: contact data of 1,000 persons, no unauthorised purpose, nothing that could cause property damage.
    [Fact]
    public void Assess_JapanThousandContactRecords_AppiRules7_NotReportable()
    {
        var facts = In("JP") with { Malicious = false, DataCategories = ["contact"], SubjectCount = 1000 };
        Assert.False(Has(Assess(facts), "jp-appi-art26-final"));
    }

    // PIPA Art. 34(1), (3); Enforcement Decree Art. 39, 40: data subjects and the PIPC within 72 hours.
    [Fact]
    public void Assess_KoreaThousandSubjects_PipaArt34_NotifiesSubjectsAndPipcIn72Hours()
    {
        var result = Assess(In("KR"));
        var subjects = Single(result, "kr-pipa-art34-individuals");
        Assert.Equal(Facts.AwareAt.AddHours(72), subjects.Deadline);
        Assert.True(subjects.Verify);
        var pipc = Single(result, "kr-pipa-art34-pipc");
        Assert.Contains("PIPC", pipc.Recipient, StringComparison.Ordinal);
        Assert.Equal(Facts.AwareAt.AddHours(72), pipc.Deadline);
    }

    // Art. 34(3): a small leak of ordinary data without external access is told to the people, not reported.
    [Fact]
    public void Assess_KoreaSmallLeak_PipaArt34_3_NoReport()
    {
        var result = Assess(In("KR") with { Malicious = false, DataCategories = ["contact"], SubjectCount = 10 });
        Assert.True(Has(result, "kr-pipa-art34-individuals"));
        Assert.False(Has(result, "kr-pipa-art34-pipc"));
    }

    // DPDP Act s. 8(6); DPDP Rules 2025 r. 7(1), 7(2)(a), (b): no harm threshold; Board without delay and in 72 hours.
    [Fact]
    public void Assess_IndiaBreach_DpdpRule7_IntimatesBoardAndDataPrincipals()
    {
        var result = Assess(In("IN") with { Malicious = false, DataCategories = ["contact"], SubjectCount = 3 });
        Assert.Null(Single(result, "in-dpdp-rule7-intimation").Deadline);
        var report = Single(result, "in-dpdp-rule7-report");
        Assert.Equal(Facts.AwareAt.AddHours(72), report.Deadline);
        Assert.Equal("Asia/Kolkata", report.TimeZone);
        Assert.True(report.Verify);
        Assert.True(Has(result, "in-dpdp-rule7-individuals"));
    }

    [Fact]
    public void Assess_NoIndianDataPrincipals_DpdpRule7_NotApplicable() =>
        Assert.False(Has(Assess(In("DE")), "in-dpdp-rule7-report"));

    // 16 CFR 314.4(j): a notification event of 500 or more consumers -> FTC no later than 30 days after discovery.
    [Fact]
    public void Assess_NonBankLenderFiveHundredConsumers_Ftc314_4j_NotifiesFtcIn30Days()
    {
        var facts = In("US") with { SubjectCount = 500, Organisation = new OrganisationFacts { FtcFinancialInstitution = true } };
        var ftc = Single(Assess(facts), "us-ftc-safeguards-314.4j");
        Assert.Equal(Utc(2026, 12, 28, 4), ftc.Deadline);
        Assert.Equal("federal-regulator", ftc.RecipientKind);
    }

    [Fact]
    public void Assess_NonBankLender499Consumers_Ftc314_4j_NotTriggered()
    {
        var facts = In("US") with { SubjectCount = 499, Organisation = new OrganisationFacts { FtcFinancialInstitution = true } };
        Assert.False(Has(Assess(facts), "us-ftc-safeguards-314.4j"));
    }

    // N.Y. Gen. Bus. Law 899-aa(2) (30 days since S2659B) and (8)(a): the AG, DoS and State Police whatever the number.
    [Fact]
    public void Assess_NewYorkTenResidents_Gbl899aa_ResidentsIn30DaysAndAttorneyGeneral()
    {
        var result = Assess(In("US-NY") with { SubjectCount = 10 });
        var residents = result.Obligations.Single(o => o.Regime == "us-ny-gbl-899-aa" && o.RecipientKind == "data-subjects");
        Assert.Equal(Utc(2026, 12, 28, 4), residents.Deadline);
        var ag = result.Obligations.Single(o => o.Regime == "us-ny-gbl-899-aa" && o.RecipientKind == "attorney-general");
        Assert.Contains("Division of State Police", ag.Recipient, StringComparison.Ordinal);
    }

    // Tex. Bus. & Com. Code 521.053(b), (i): residents within 60 days; the AG within 30 days from 250 residents.
    [Theory]
    [InlineData(249, false)]
    [InlineData(250, true)]
    public void Assess_Texas_Bcc521_053_AttorneyGeneralFrom250Residents(long residents, bool attorneyGeneral)
    {
        var result = Assess(In("US-TX") with { SubjectCount = residents });
        var notice = result.Obligations.Single(o => o.Regime == "us-tx-bcc-521.053" && o.RecipientKind == "data-subjects");
        Assert.Equal(Utc(2027, 1, 27, 5), notice.Deadline);
        Assert.Equal(attorneyGeneral, result.Obligations.Any(o => o.Regime == "us-tx-bcc-521.053" && o.RecipientKind == "attorney-general"));
    }

    // 521.002: Texas "sensitive personal information" has no login credentials.
    [Fact]
    public void Assess_TexasCredentialsOnly_Bcc521_002_NotPersonalInformation() =>
        Assert.False(Has(Assess(In("US-TX") with { DataCategories = ["credentials"] }), "us-tx-bcc-521.053"));

    // Fla. Stat. 501.171(3)(a), (4)(a): residents and the Department of Legal Affairs (500 or more) within 30 days.
    [Fact]
    public void Assess_Florida_Stat501_171_DepartmentOfLegalAffairsIn30Days()
    {
        var result = Assess(In("US-FL"));
        var ag = result.Obligations.Single(o => o.Regime == "us-fl-stat-501.171" && o.RecipientKind == "attorney-general");
        Assert.Contains("Department of Legal Affairs", ag.Recipient, StringComparison.Ordinal);
        Assert.Equal(Utc(2026, 12, 28, 4), ag.Deadline);
    }

    // 501.171(1)(g)(2): encrypted personal information, the key not taken, is no personal information.
    [Fact]
    public void Assess_FloridaEncrypted_Stat501_171_1g_NoNotice()
    {
        var result = Assess(In("US-FL") with { Unintelligible = true });
        Assert.False(Has(result, "us-fl-stat-501.171"));
        Assert.Contains(result.Severity.Rationale, r => r.Contains("Fla. Stat. 501.171 not triggered", StringComparison.Ordinal));
    }

    // Colo. Rev. Stat. 6-1-716(2)(a), (f): residents and the AG (500 or more) within 30 days of the determination.
    [Fact]
    public void Assess_Colorado_Crs6_1_716_AttorneyGeneralIn30DaysMountainTime()
    {
        var ag = Assess(In("US-CO")).Obligations.Single(o => o.Regime == "us-co-crs-6-1-716" && o.RecipientKind == "attorney-general");
        Assert.Equal("Colorado Attorney General", ag.Recipient);
        Assert.Equal(Utc(2026, 12, 28, 6), ag.Deadline);
    }

    // Colo. Rev. Stat. 6-1-716(2)(f): the AG when the breach is believed to affect 500 Colorado residents or more.
    [Theory]
    [InlineData(499, false)]
    [InlineData(500, true)]
    public void Assess_Colorado_Crs6_1_716_AttorneyGeneralFrom500(long residents, bool attorneyGeneral)
    {
        var result = Assess(In("US-CO") with { SubjectCount = residents });
        Assert.Contains(result.Obligations, o => o.Regime == "us-co-crs-6-1-716" && o.RecipientKind == "data-subjects");
        Assert.Equal(attorneyGeneral, result.Obligations.Any(o => o.Regime == "us-co-crs-6-1-716" && o.RecipientKind == "attorney-general"));
    }

    // RCW 19.255.010(7), (8): the AG only when more than 500 Washington residents; 30 days from discovery.
    [Theory]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void Assess_Washington_Rcw19_255_010_AttorneyGeneralAbove500(long residents, bool attorneyGeneral)
    {
        var result = Assess(In("US-WA") with { SubjectCount = residents });
        Assert.Equal(Utc(2026, 12, 28, 7), result.Obligations.Single(o => o.Regime == "us-wa-rcw-19.255.010" && o.RecipientKind == "data-subjects").Deadline);
        Assert.Equal(attorneyGeneral, result.Obligations.Any(o => o.Regime == "us-wa-rcw-19.255.010" && o.RecipientKind == "attorney-general"));
    }

    // EU AI Act Art. 26(5), second subparagraph: a deployer that identifies a serious incident immediately informs first the
    // provider, then the importer or distributor and the market surveillance authorities; Art. 73 if the provider is unreachable.
    [Fact]
    public void Assess_DeployerSeriousIncident_AiActArt26_5_InformsProviderImmediately()
    {
        var facts = In("DE") with { AiSystem = new AiSystemFacts { Id = "bnpl-credit-scoring", HighRisk = true, SeriousIncident = true, Deployer = true } };
        var provider = Single(Assess(facts), "eu-ai-act-art26-5");
        Assert.Equal("ai-provider", provider.RecipientKind);
        Assert.Contains("bnpl-credit-scoring", provider.Recipient, StringComparison.Ordinal);
        Assert.Null(provider.Deadline);
        Assert.True(provider.Verify);
        Assert.Contains(provider.Notes, n => n.Contains("immediately first the provider", StringComparison.Ordinal)
            && n.Contains("market surveillance authorities", StringComparison.Ordinal) && n.Contains("Art. 73", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_ProviderSeriousIncident_AiActArt26_5_NotApplicable()
    {
        var facts = In("DE") with { AiSystem = new AiSystemFacts { Id = "bnpl-credit-scoring", HighRisk = true, SeriousIncident = true } };
        Assert.False(Has(Assess(facts), "eu-ai-act-art26-5"));
    }

    // NIS2 Art. 23(1), second sentence: recipients of the services are told exactly when the significant incident is notified.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Assess_Nis2Entity_Art23_1_RecipientsFollowTheCsirtNotification(bool nis2Entity)
    {
        var playbook = Plain with { Organisation = Plain.Organisation with { Nis2Entity = nis2Entity } };
        var result = Assess(Facts.Exfiltration with { LossOfAvailability = true }, playbook);
        Assert.Equal(Has(result, "nis2-notification"), Has(result, "nis2-art23-1-recipients"));
        Assert.Equal(nis2Entity, Has(result, "nis2-art23-1-recipients"));
        if (nis2Entity)
        {
            var recipients = Single(result, "nis2-art23-1-recipients");
            Assert.Equal("service-recipients", recipients.RecipientKind);
            Assert.Null(recipients.Deadline);
        }
    }
}
