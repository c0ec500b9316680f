using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>Issue 14 items 7, 9, 10 and 11 through the assessor: AI Act place, DORA against NIS2 and its RTS clock, EDGAR cut-off, establishment override.</summary>
public sealed class BreachAssessorClockTests
{
    private static readonly Playbook Default = PlaybookLoader.LoadDefault();

    private static Playbook Plain => Default with
    {
        Organisation = Default.Organisation with { Nis2Entity = false, DoraEntity = false, SecRegistrant = false, HipaaCoveredEntity = false },
    };

    private static AssessmentResult Assess(BreachFacts facts, Playbook? playbook = null) => new BreachAssessor().Assess(facts, playbook ?? Plain);

    private static Obligation Single(AssessmentResult result, string regime) => Assert.Single(result.Obligations, o => o.Regime == regime);

    private static BreachFacts SeriousAiIncident(params string[] jurisdictions) => Facts.Exfiltration with
    {
        AwareAt = new DateTimeOffset(2028, 3, 1, 10, 0, 0, TimeSpan.Zero),
        Jurisdictions = jurisdictions,
        AiSystem = new AiSystemFacts { HighRisk = true, SeriousIncident = true, SeriousIncidentKind = "other" },
    };

    // AI Act Art. 73(1): "to the market surveillance authorities of the Member States where that incident occurred".
    [Fact]
    public void Assess_AiIncidentOnlyOutsideTheUnion_NoArt73ReportAndSaysWhatApplies()
    {
        var result = Assess(SeriousAiIncident("US-CA", "BR"));

        Assert.DoesNotContain(result.Obligations, o => o.Regime == "eu-ai-act-art73");
        var reason = Assert.Single(result.Severity.Rationale, r => r.StartsWith("EU AI Act", StringComparison.Ordinal));
        Assert.Contains("Art. 73(1)", reason, StringComparison.Ordinal);
        Assert.Contains("not the provider's home authority", reason, StringComparison.Ordinal);
        Assert.Contains("Art. 72", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_AiIncidentInFranceOnly_ReportsToFranceNotTheHomeState()
    {
        var art73 = Single(Assess(SeriousAiIncident("FR", "US-NY")), "eu-ai-act-art73");

        Assert.Contains("FR", art73.Recipient, StringComparison.Ordinal);
        Assert.False(art73.Verify);
    }

    [Fact]
    public void Assess_AiIncidentWithoutPlace_ListsHomeStateFlaggedVerify()
    {
        var art73 = Single(Assess(SeriousAiIncident()), "eu-ai-act-art73");

        Assert.Contains("Bundesnetzagentur", art73.Recipient, StringComparison.Ordinal);
        Assert.True(art73.Verify);
    }

    // DORA Art. 1(2) with NIS2 Art. 4: for a financial entity DORA's incident reporting applies instead of NIS2 Art. 23.
    [Fact]
    public void Assess_FinancialEntityUnderNis2_DoraInsteadOfNis2()
    {
        var both = Facts.Exfiltration with { Organisation = new OrganisationFacts { Nis2Entity = true, DoraEntity = true } };
        var nis2Only = Facts.Exfiltration with { Organisation = new OrganisationFacts { Nis2Entity = true } };

        var result = Assess(both);

        Assert.Contains(Assess(nis2Only).Obligations, o => o.Regime == "nis2-early-warning");
        Assert.DoesNotContain(result.Obligations, o => o.Regime.StartsWith("nis2", StringComparison.Ordinal));
        Assert.Single(result.Obligations, o => o.Regime == "dora-initial");
        Assert.Contains(result.Severity.Rationale, r => r.Contains("DORA Art. 1(2)", StringComparison.Ordinal) && r.Contains("NIS2 Art. 4", StringComparison.Ordinal));
    }

    private static BreachFacts DoraClassified(DateTimeOffset classifiedAt, string? entityType, bool nis2 = false) => Facts.Exfiltration with
    {
        Organisation = new OrganisationFacts { DoraEntity = true, Nis2Entity = nis2, DoraClassifiedAt = classifiedAt, DoraEntityType = entityType },
    };

    // Delegated Regulation (EU) 2025/301 Art. 5: a time limit on a weekend day or bank holiday of the entity's Member State
    // moves to noon of the next working day (not its end). Aware Fri 27 Nov 2026 10:00Z, classified 20:00Z: the 24-hour bound
    // ends Sat 28 Nov 10:00Z, 4 h after classification Sat 00:00Z (01:00 Berlin) -> Mon 30 Nov 12:00 Berlin (11:00Z).
    [Fact]
    public void Assess_DoraInitialOnSaturdayPaymentInstitution_MovesToNoonOfMonday()
    {
        var result = Assess(DoraClassified(Facts.AwareAt.AddHours(10), "payment-institution"));

        var initial = Single(result, "dora-initial");
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 0, 0, TimeSpan.Zero), initial.Deadline);
        Assert.Contains(initial.Notes, n => n.Contains("12:00 of the next working day", StringComparison.Ordinal));
        Assert.Contains(initial.Counting, s => s.Kind == CountingStepKind.Adjusted && s.Day == new DateOnly(2026, 11, 30));
        Assert.Equal(initial.Deadline!.Value.AddHours(72), Single(result, "dora-intermediate").Deadline);
        // Intermediate Thu 3 Dec 11:00Z + 1 month = Sun 3 Jan 2027 -> Mon 4 Jan 2027 12:00 Berlin; no Regulation 1182/71 extension beside it.
        var final = Single(result, "dora-final");
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 11, 0, 0, TimeSpan.Zero), final.Deadline);
        Assert.Null(final.ExtendedDeadline);
    }

    // 2025/301 Art. 5(5): credit institutions, central counterparties, operators of trading venues and NIS2 essential or
    // important entities do not get the Art. 5(4) relief for the initial notification and the intermediate report; an entity
    // of unknown type is treated as one of them.
    [Theory]
    [InlineData("credit-institution", false)]
    [InlineData("central-counterparty", false)]
    [InlineData("trading-venue", false)]
    [InlineData("payment-institution", true)]
    [InlineData(null, false)]
    public void Assess_DoraInitialOnSaturday_ReliefOnlyForEntityTypesThatHaveIt(string? entityType, bool relieved)
    {
        var initial = Single(Assess(DoraClassified(Facts.AwareAt.AddHours(10), entityType)), "dora-initial");

        var unmoved = Facts.AwareAt.AddHours(14);
        Assert.Equal(relieved, initial.Deadline != unmoved);
        if (!relieved)
        {
            Assert.Contains(initial.Notes, n => n.Contains("does not apply", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Assess_DoraEntityAlsoNis2Essential_NoWeekendRelief()
    {
        var initial = Single(Assess(DoraClassified(Facts.AwareAt.AddHours(10), "payment-institution", nis2: true)), "dora-initial");

        Assert.Equal(Facts.AwareAt.AddHours(14), initial.Deadline);
    }

    // 2025/301 Art. 5(5) excludes only initial notifications and intermediate reports: the final report of a credit
    // institution or a NIS2 entity still moves. Initial unmoved Sat 28 Nov 00:00Z, intermediate Tue 1 Dec 00:00Z, final one
    // month later ends Fri 1 Jan 2027 (New Year, a German bank holiday) -> Mon 4 Jan 2027 12:00 Berlin (11:00Z).
    [Theory]
    [InlineData("credit-institution", false)]
    [InlineData("trading-venue", false)]
    [InlineData("payment-institution", true)]
    [InlineData(null, false)]
    public void Assess_DoraFinalReportOnBankHolidayOfExcludedEntity_StillMovesToNoonOfNextWorkingDay(string? entityType, bool nis2)
    {
        var result = Assess(DoraClassified(Facts.AwareAt.AddHours(10), entityType, nis2));

        Assert.Equal(Facts.AwareAt.AddHours(14), Single(result, "dora-initial").Deadline);
        var final = Single(result, "dora-final");
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 11, 0, 0, TimeSpan.Zero), final.Deadline);
        Assert.True(final.Verify);
        Assert.Contains(final.Notes, n => n.Contains("Art. 5(5) excludes only initial notifications and intermediate reports", StringComparison.Ordinal));
    }

    // 2025/301 Art. 5(2) (the ESAs' final draft RTS, JC 2024 33, Art. 6(2), says the same): classified as major after the
    // 24 hours, the initial notification is due 4 hours after the classification (not at the already passed 24-hour bound).
    [Fact]
    public void Assess_DoraClassifiedMoreThan24hAfterAwareness_InitialFourHoursAfterClassification()
    {
        var classified = new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);

        var initial = Single(Assess(DoraClassified(classified, "insurance-undertaking")), "dora-initial");

        Assert.Equal(classified.AddHours(4), initial.Deadline);
        Assert.True(initial.Verify);
        Assert.Contains(initial.Notes, n => n.Contains("2025/301 Art. 5(2)", StringComparison.Ordinal));
    }

    // 17 CFR 232.13(a)(2): EDGAR dates a submission commencing after 17:30 Eastern as of the next business day. Materiality
    // determined Sat 28 Nov 2026: 4 business days end Thu 3 Dec at midnight ET; the cut-off is 17:30 EST (22:30Z) that day.
    [Fact]
    public void Assess_SecMaterialityDetermined_CutoffAt1730EasternOfTheLastDay()
    {
        var facts = Facts.Exfiltration with
        {
            Organisation = new OrganisationFacts { SecRegistrant = true, MaterialityDeterminedAt = new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero) },
        };

        var filing = Single(Assess(facts), "us-sec-8k-1.05");

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 4, 59, 59, 999, TimeSpan.Zero), filing.Deadline);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 22, 30, 0, TimeSpan.Zero), filing.SubmissionCutoff);
        Assert.Contains(filing.Notes, n => n.Contains("232.13", StringComparison.Ordinal));
    }

    [Fact]
    public void For_DaylightSavingTime_CutoffAt2130Utc()
    {
        var legal = DeadlineCalculator.Compute(new DateTimeOffset(2026, 6, 1, 14, 0, 0, TimeSpan.Zero), 4, PeriodUnit.BusinessDays,
            "America/New_York", HolidayCalendar.For("US"))!.Value;

        Assert.Equal(new DateTimeOffset(2026, 6, 6, 3, 59, 59, 999, TimeSpan.Zero), legal);
        Assert.Equal(new DateTimeOffset(2026, 6, 5, 21, 30, 0, TimeSpan.Zero), EdgarFilingCutoff.For(legal));
    }

    // GDPR Art. 56 one-stop shop needs a main establishment in the Union; "none" in the facts overrides the playbook's DE, so
    // each concerned authority is notified (Art. 3(2) controller targeting EU residents).
    [Fact]
    public void Assess_FactsSayNoEuEstablishment_OverridesPlaybookAndNotifiesEachConcernedAuthority()
    {
        var facts = Facts.Exfiltration with { Organisation = new OrganisationFacts { NoEuEstablishment = true } };

        var authorities = Assess(facts, Default).Obligations.Where(o => o.Regime == "gdpr-art33").ToList();

        Assert.Equal(2, authorities.Count);
        Assert.DoesNotContain(authorities, o => o.Recipient == Default.Organisation.LeadSupervisoryAuthority);
        Assert.Contains(authorities, o => o.Recipient.Contains("CNIL", StringComparison.Ordinal));
    }
}
