using System.Globalization;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Decides severity and obligations from breach facts: the ENISA score combined with the AI system's criticality,
/// then every regime of <see cref="RegimeCatalog"/> whose conditions the facts meet, each with its deadline.
/// Applicability rules are in docs/regimes.md. Pure and deterministic: the orchestrator may call it in replay.
/// </summary>
public sealed partial class BreachAssessor
{
    /// <summary>When Annex III high-risk obligations start under the 2026 amendment of the AI Act (docs/regulatory-sources.md: verify).</summary>
    public static readonly DateTimeOffset AnnexIIIApplicationDate = new(2027, 12, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly RegimeCatalog _catalog;

    /// <summary>An assessor over the catalog embedded in this assembly.</summary>
    public BreachAssessor()
        : this(RegimeCatalog.Default)
    {
    }

    /// <summary>An assessor over another catalog (tests, a jurisdiction-specific build).</summary>
    public BreachAssessor(RegimeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Assesses <paramref name="facts"/> under the organisation described by <paramref name="playbook"/>.</summary>
    public AssessmentResult Assess(BreachFacts facts, Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(playbook);
        var context = new Context(facts, playbook, _catalog);
        var severity = Severity(context);
        context.SevLevel = severity.Level;

        var obligations = new List<Obligation>();
        Gdpr(context, obligations);
        UkGdpr(context, obligations);
        AiAct(context, obligations);
        Nis2(context, obligations);
        Dora(context, obligations);
        Lgpd(context, obligations);
        Pdpa(context, obligations);
        Sec(context, obligations);
        California(context, obligations);
        Hipaa(context, obligations);
        Pci(context, obligations);
        World(context, obligations);

        var result = severity with { Rationale = [.. severity.Rationale, .. context.Decisions.Lines] };
        return new AssessmentResult(
            result,
            obligations.Any(o => o.RecipientKind == "supervisory-authority"),
            obligations.Any(o => o.RecipientKind == "data-subjects"),
            obligations)
        {
            Decisions = context.Decisions.Decisions,
        };
    }

    private static SeverityAssessment Severity(Context c)
    {
        var enisa = EnisaSeverity.Assess(c.Facts);
        var policy = c.Playbook.Severity;
        var rationale = new List<string>(enisa.Rationale);
        var system = c.PlaybookSystem;
        string criticality;
        if (system is not null)
        {
            criticality = system.Criticality;
            rationale.Add($"AI system '{system.Id}' is {criticality} (playbook)");
        }
        else if (c.Facts.AiSystem?.Criticality is { } given)
        {
            criticality = given;
            rationale.Add($"AI system criticality {criticality} (breach facts)");
        }
        else
        {
            criticality = policy.DefaultCriticality;
            rationale.Add($"AI system not named: criticality {criticality} (playbook default)");
        }
        var level = policy.LevelFor(enisa.Level, criticality);
        rationale.Add($"severity matrix: ENISA {enisa.Level} x {criticality} -> {level}");
        if (c.AiHighRisk && c.Facts.AiSystem?.SeriousIncident == true && policy.SeriousIncidentMinimum is { } minimum
            && string.CompareOrdinal(minimum, level) < 0)
        {
            rationale.Add($"raised to {minimum}: EU AI Act serious incident on a high-risk AI system");
            level = minimum;
        }
        return new SeverityAssessment(Math.Round(enisa.Score, 2), enisa.Level, level, rationale);
    }

    private void Gdpr(Context c, List<Obligation> obligations)
    {
        var eeaSubjects = c.Countries.Where(Jurisdictions.Eea.Contains).ToList();
        var establishment = c.EuMainEstablishment;
        if (establishment is null && eeaSubjects.Count == 0)
        {
            return;
        }
        var art33 = _catalog.Rule("gdpr-art33");
        if (!c.RiskLikely)
        {
            c.Decisions.Add(art33.Regime, false, art33.Source, [.. c.Risk.Reasons,
                "GDPR Art. 33 not triggered: the breach is unlikely to result in a risk; record it under Art. 33(5)"]);
            return;
        }
        if (establishment is not null)
        {
            var lead = establishment == c.Playbook.Organisation.EuMainEstablishment && c.Playbook.Organisation.LeadSupervisoryAuthority is { } named
                ? named
                : DataProtectionAuthority(establishment);
            c.Decisions.Add(art33.Regime, true, art33.Source, [.. c.Risk.Reasons,
                $"GDPR Art. 33: one-stop shop, lead supervisory authority of the main establishment ({establishment}): {lead}"]);
            obligations.Add(c.Build(art33, lead, establishment, c.Facts.AwareAt,
                [$"Lead authority under Art. 56(1) for the main establishment in {establishment}; it coordinates with the concerned authorities ({Join(eeaSubjects)})."]));
        }
        else
        {
            c.Decisions.Add(art33.Regime, true, art33.Source, [.. c.Risk.Reasons,
                $"GDPR Art. 33: no EU main establishment, so each concerned authority is notified ({Join(eeaSubjects)})"]);
            foreach (var country in eeaSubjects)
            {
                obligations.Add(c.Build(art33, DataProtectionAuthority(country), country, c.Facts.AwareAt,
                    [$"No one-stop shop without an EU main establishment: the authority of {country}, where affected subjects live."]));
            }
        }

        var art34 = _catalog.Rule("gdpr-art34");
        if (!c.HighRiskLevel)
        {
            c.Decisions.Add(art34.Regime, false, art34.Source, "GDPR Art. 34 not triggered: the risk is not high");
        }
        else if (UnintelligibleData.Holds(c.Facts))
        {
            c.Decisions.Add(art34.Regime, false, art34.Source, "GDPR Art. 34 not triggered: Art. 34(3)(a) exemption, the data are unintelligible to anyone not authorised");
        }
        else
        {
            var country = establishment ?? eeaSubjects[0];
            c.Decisions.Add(art34.Regime, true, art34.Source, "GDPR Art. 34: high risk to the rights and freedoms of natural persons and no Art. 34(3) exemption");
            obligations.Add(c.Build(art34, SubjectsIn(eeaSubjects), country, c.Facts.AwareAt,
                ["High risk to the rights and freedoms of natural persons and no Art. 34(3) exemption."]));
        }
    }

    private void UkGdpr(Context c, List<Obligation> obligations)
    {
        if (!c.Countries.Contains("GB"))
        {
            return;
        }
        if (!c.RiskLikely)
        {
            c.Decisions.Add("UK GDPR Art. 33 not triggered: unlikely to result in a risk; record it under Art. 33(5)");
            return;
        }
        var rule = _catalog.Rule("uk-gdpr-art33");
        obligations.Add(c.Build(rule, rule.Recipient, "GB", c.Facts.AwareAt, ["Affected subjects live in the United Kingdom."]));
        if (c.HighRiskLevel && !UnintelligibleData.Holds(c.Facts))
        {
            var subjects = _catalog.Rule("uk-gdpr-art34");
            obligations.Add(c.Build(subjects, subjects.Recipient, "GB", c.Facts.AwareAt, ["High risk and no Art. 34(3) exemption."]));
        }
        else if (c.HighRiskLevel)
        {
            c.Decisions.Add("UK GDPR Art. 34 not triggered: Art. 34(3)(a) exemption, data unintelligible");
        }
    }

    private void AiAct(Context c, List<Obligation> obligations)
    {
        var ai = c.Facts.AiSystem;
        if (ai is null || !ai.SeriousIncident)
        {
            return;
        }
        var classification = c.PlaybookSystem?.EuAiAct;
        if (!c.AiHighRisk)
        {
            c.Decisions.Add("EU AI Act Art. 73 not applicable: the AI system is not high-risk" +
                (classification is null ? "" : $" ({classification.Reason})"));
            return;
        }
        var rule = _catalog.Variant("eu-ai-act-art73", ai.SeriousIncidentKind) ?? _catalog.Variant("eu-ai-act-art73", "other")!;
        var place = AiActIncidentPlace.Decide(c.Countries, c.EuMainEstablishment);
        c.Decisions.Add(place.Reason);
        if (place.MemberStates.Count == 0)
        {
            return;
        }
        var countries = place.MemberStates;
        var notes = new List<string>();
        if (classification is not null)
        {
            notes.Add($"High-risk classification: {classification.Reason}");
        }
        if (ai.CausalLinkEstablishedAt is { } link)
        {
            notes.Add($"Causal link established at {Iso(link)}: report immediately; the outer limit counted from awareness still applies.");
        }
        // Before the Annex III application date the duty may not yet bind; we still list it, flagged, because
        // missing a real duty is worse than a verified-away one (docs/regimes.md).
        var early = c.Facts.AwareAt < AnnexIIIApplicationDate;
        if (early)
        {
            notes.Add("Obligations for Annex III high-risk systems apply from 2 Dec 2027 under the 2026 amendment (verify publication); listed conservatively before that date.");
        }
        c.Decisions.Add($"EU AI Act Art. 73 ({ai.SeriousIncidentKind ?? "other"}): high-risk AI system, serious incident, {rule.Amount} days from awareness");
        foreach (var country in countries)
        {
            var authority = c.Catalog.Country(country)?.AiMarketSurveillance
                ?? $"market surveillance authority of {country} (AI Act Art. 70)";
            obligations.Add(c.Build(rule, authority, country, c.Facts.AwareAt,
                [.. notes, place.Assumed ? $"Where the incident occurred is not given: listed for {country}, the home Member State, until it is known." : $"The incident occurred in {country}."],
                verify: early || place.Assumed));
        }
    }

    private void Nis2(Context c, List<Obligation> obligations)
    {
        if (!c.Nis2Entity)
        {
            return;
        }
        if (c.DoraEntity)
        {
            c.Decisions.Add("nis2-early-warning", false, "DORA Art. 1(2); NIS2 Art. 4",
                ["NIS2 Art. 23 not applied: a financial entity reports major ICT incidents under DORA Art. 19 instead (DORA Art. 1(2) makes DORA a sector-specific act under NIS2 Art. 4)"]);
            return;
        }
        var (significant, reasons) = Nis2Significance.Assess(c.Facts, c.Facts.Organisation.EntityType, c.Risk);
        if (!significant)
        {
            c.Decisions.Add("nis2-early-warning", false, Nis2Significance.Source, [.. reasons, "NIS2 Art. 23 not triggered: not a significant incident"]);
            return;
        }
        var country = c.EuMainEstablishment ?? c.Countries.FirstOrDefault(Jurisdictions.EuMemberStates.Contains);
        if (country is null)
        {
            c.Decisions.Add("nis2-early-warning", false, Nis2Significance.Source, [.. reasons, "NIS2 Art. 23 not applicable: no EU establishment or EU Member State concerned"]);
            return;
        }
        var csirt = c.Catalog.Country(country)?.Csirt ?? $"CSIRT or competent authority of {country} (NIS2 Art. 10, 23)";
        c.Decisions.Add("nis2-early-warning", true, Nis2Significance.Source, [.. reasons, $"NIS2 Art. 23: essential/important entity with a significant incident: {csirt}"]);
        var warning = c.Build(_catalog.Rule("nis2-early-warning"), csirt, country, c.Facts.AwareAt, []);
        var notification = c.Build(_catalog.Rule("nis2-notification"), csirt, country, c.Facts.AwareAt, []);
        obligations.Add(warning);
        obligations.Add(notification);
        obligations.Add(c.Build(_catalog.Rule("nis2-final-report"), csirt, country, notification.Deadline!.Value, []));
    }

    private void Dora(Context c, List<Obligation> obligations)
    {
        if (!c.DoraEntity)
        {
            return;
        }
        var country = c.EuMainEstablishment ?? c.Countries.FirstOrDefault(Jurisdictions.EuMemberStates.Contains) ?? "EU";
        var authority = c.Catalog.Country(country)?.Financial ?? $"financial competent authority of {country} (DORA Art. 46)";
        var classifiedAt = c.Facts.Organisation.DoraClassifiedAt;
        var entityType = c.Facts.Organisation.DoraEntityType;
        var holidays = HolidayCalendar.For(country);
        var initial = c.Build(_catalog.Rule("dora-initial"), authority, country, classifiedAt ?? c.Facts.AwareAt,
            classifiedAt is null
                ? ["Not yet classified as a major ICT incident: classification starts the 4-hour clock; the 24-hour limit from awareness already runs."]
                : []);
        if (classifiedAt is { } classified)
        {
            initial = DoraReportingClock.LateClassification(initial, c.Facts.AwareAt, classified);
        }
        initial = DoraReportingClock.WeekendRelief(initial, entityType, c.Nis2Entity, holidays);
        obligations.Add(initial);
        if (classifiedAt is null)
        {
            c.Decisions.Add("DORA: financial entity, incident not yet classified as major; initial notification bounded by 24 h from awareness");
            return;
        }
        c.Decisions.Add($"DORA Art. 19: major ICT incident classified at {Iso(classifiedAt.Value)}");
        var intermediate = DoraReportingClock.WeekendRelief(
            c.Build(_catalog.Rule("dora-intermediate"), authority, country, initial.Deadline!.Value, []), entityType, c.Nis2Entity, holidays);
        obligations.Add(intermediate);
        obligations.Add(DoraReportingClock.WeekendRelief(
            c.Build(_catalog.Rule("dora-final"), authority, country, intermediate.Deadline!.Value, []), entityType, c.Nis2Entity, holidays, finalReport: true));
    }

    private void Lgpd(Context c, List<Obligation> obligations)
    {
        if (!c.Countries.Contains("BR"))
        {
            return;
        }
        var (relevant, reasons) = LgpdRelevantRisk.Assess(c.Facts, c.Risk);
        c.Decisions.Add("br-lgpd", relevant, LgpdRelevantRisk.Source, [.. reasons]);
        if (!relevant)
        {
            return;
        }
        foreach (var key in new[] { "br-lgpd.anpd", "br-lgpd.subjects" })
        {
            var rule = _catalog.Rule(key);
            obligations.Add(c.Build(rule, rule.Recipient, "BR", c.Facts.AwareAt, []));
        }
    }

    private void Pdpa(Context c, List<Obligation> obligations)
    {
        if (!c.Countries.Contains("SG"))
        {
            return;
        }
        var significantHarm = c.HighRiskLevel && !UnintelligibleData.Holds(c.Facts);
        var scale = c.Facts.SubjectCount >= 500;
        if (!significantHarm && !scale)
        {
            c.Decisions.Add("PDPA s. 26B: not notifiable (no significant harm and fewer than 500 individuals)");
            return;
        }
        var assessedAt = c.Facts.Organisation.NotifiableAssessedAt;
        var notes = new List<string>
        {
            $"Notifiable under s. 26B: {(significantHarm ? "significant harm" : "")}{(significantHarm && scale ? " and " : "")}{(scale ? "500 or more individuals (total count; SG share not given)" : "")}.",
        };
        if (assessedAt is null)
        {
            notes.Add("Assessment time not given: counted from awareness, the earliest the assessment can be made.");
        }
        var start = assessedAt ?? c.Facts.AwareAt;
        var pdpc = _catalog.Rule("sg-pdpa.pdpc");
        obligations.Add(c.Build(pdpc, pdpc.Recipient, "SG", start, notes));
        if (significantHarm)
        {
            var individuals = _catalog.Rule("sg-pdpa.individuals");
            obligations.Add(c.Build(individuals, individuals.Recipient, "SG", start, []));
        }
    }

    private void Sec(Context c, List<Obligation> obligations)
    {
        if (!c.SecRegistrant)
        {
            return;
        }
        var rule = _catalog.Rule("us-sec-8k-1.05");
        if (c.Facts.Organisation.MaterialityDeterminedAt is { } determined)
        {
            c.Decisions.Add($"SEC Form 8-K Item 1.05: materiality determined at {Iso(determined)}; 4 business days from then");
            obligations.Add(EdgarFilingCutoff.Apply(c.Build(rule, rule.Recipient, "US", determined, [])));
            return;
        }
        c.Decisions.Add("SEC Form 8-K Item 1.05: materiality not yet determined; determine it without unreasonable delay");
        obligations.Add(c.Build(rule, rule.Recipient, "US", c.Facts.AwareAt,
            ["Materiality not yet determined: make the determination without unreasonable delay; the 4 business days run from it. Re-assess with organisation.materialityDeterminedAt."],
            unit: PeriodUnit.WithoutUndueDelay));
    }

    private void California(Context c, List<Obligation> obligations)
    {
        if (!c.Facts.Jurisdictions.Contains("US-CA"))
        {
            return;
        }
        // Civ. Code 1798.82(h): name plus SSN, ID number, account or card number with access code, medical or
        // health-insurance data, biometrics; or a username/e-mail with its password.
        var personalInformation = c.Facts.DataCategories.Any(d => d is "financial" or "payment-card" or "credentials" or "identity-document" or "special-category");
        if (!personalInformation || UnintelligibleData.Holds(c.Facts))
        {
            c.Decisions.Add(personalInformation
                ? "Cal. Civ. Code 1798.82 not triggered: the personal information was encrypted and the key not acquired"
                : "Cal. Civ. Code 1798.82 not triggered: no personal information as defined in 1798.82(h)");
            return;
        }
        var residentsRule = _catalog.Rule("us-ca-civ-1798.82.residents");
        var residents = c.Build(residentsRule, residentsRule.Recipient, "US", c.Facts.AwareAt, []);
        obligations.Add(residents);
        if (c.Facts.SubjectCount > 500)
        {
            var attorneyGeneral = _catalog.Rule("us-ca-civ-1798.82.ag");
            obligations.Add(c.Build(attorneyGeneral, attorneyGeneral.Recipient, "US", residents.Deadline!.Value,
                ["More than 500 affected in total (the California share is not given): assume more than 500 residents until counted."]));
        }
    }

    private void Hipaa(Context c, List<Obligation> obligations)
    {
        if (!c.HipaaCoveredEntity)
        {
            return;
        }
        if (!c.Facts.DataCategories.Contains("special-category") || UnintelligibleData.Holds(c.Facts) || !c.Facts.Jurisdictions.Any(j => j.StartsWith("US", StringComparison.Ordinal)))
        {
            c.Decisions.Add("HIPAA breach notification not triggered: no unsecured protected health information of U.S. individuals");
            return;
        }
        c.Decisions.Add("HIPAA 45 CFR 164.404-408: covered entity, unsecured PHI");
        var individuals = _catalog.Rule("us-hipaa.individuals");
        obligations.Add(c.Build(individuals, individuals.Recipient, "US", c.Facts.AwareAt, []));
        var hhs = _catalog.Rule("us-hipaa.hhs");
        if (c.Facts.SubjectCount >= 500)
        {
            obligations.Add(c.Build(hhs, hhs.Recipient, "US", c.Facts.AwareAt, ["500 or more individuals: notify HHS at the same time as the individuals."]));
        }
        else
        {
            // Fewer than 500: the annual log is due 60 days after the end of the calendar year of discovery.
            var zone = DeadlineCalculator.ResolveTimeZone(hhs.TimeZone);
            var year = DeadlineCalculator.LocalDate(c.Facts.AwareAt, zone).Year;
            var yearEnd = DeadlineCalculator.EndOfDay(new DateOnly(year, 12, 31), zone);
            obligations.Add(c.Build(hhs, hhs.Recipient, "US", yearEnd, ["Fewer than 500 individuals: annual log to HHS, 60 days after the end of the calendar year."]));
        }
        if (c.Facts.SubjectCount > 500)
        {
            var media = _catalog.Rule("us-hipaa.media");
            obligations.Add(c.Build(media, media.Recipient, "US", c.Facts.AwareAt,
                ["More than 500 affected in total; the per-State count decides (164.406)."]));
        }
    }

    private void Pci(Context c, List<Obligation> obligations)
    {
        if (!c.Facts.DataCategories.Contains("payment-card") || !(c.Facts.LossOfConfidentiality || c.Facts.Malicious))
        {
            return;
        }
        c.Decisions.Add("Card brand rules: suspected compromise of payment card data (verify per brand and acquirer contract)");
        foreach (var key in new[] { "pci-card-brands.acquirer", "pci-card-brands.brands" })
        {
            var rule = _catalog.Rule(key);
            obligations.Add(c.Build(rule, rule.Recipient, "US", c.Facts.AwareAt, []));
        }
    }

    private string DataProtectionAuthority(string country) =>
        _catalog.Country(country)?.DataProtection ?? $"data protection supervisory authority of {country}";

    private static string SubjectsIn(IReadOnlyList<string> countries) =>
        countries.Count == 0 ? "data subjects" : $"data subjects in {Join(countries)}";

    private static string Join(IEnumerable<string> items) => string.Join(", ", items);

    internal static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(instant.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The facts merged with the playbook, and what the regimes keep asking of them.</summary>
    private sealed class Context
    {
        public Context(BreachFacts facts, Playbook playbook, RegimeCatalog catalog)
        {
            Facts = facts;
            Playbook = playbook;
            Catalog = catalog;
            PlaybookSystem = playbook.FindAiSystem(facts.AiSystem?.Id);
            var org = playbook.Organisation;
            // The breach facts speak for this incident; the playbook for the organisation's standing status.
            EuMainEstablishment = facts.Organisation.NoEuEstablishment ? null : facts.Organisation.EuMainEstablishment ?? org.EuMainEstablishment;
            if (EuMainEstablishment is not null && !Jurisdictions.Eea.Contains(EuMainEstablishment))
            {
                EuMainEstablishment = null;
            }
            Nis2Entity = facts.Organisation.Nis2Entity || org.Nis2Entity;
            DoraEntity = facts.Organisation.DoraEntity || org.DoraEntity;
            SecRegistrant = facts.Organisation.SecRegistrant || org.SecRegistrant;
            HipaaCoveredEntity = facts.Organisation.HipaaCoveredEntity || org.HipaaCoveredEntity;
            AiHighRisk = facts.AiSystem is { } ai && (ai.HighRisk || PlaybookSystem?.IsHighRisk == true);
            Countries = facts.Jurisdictions.Select(Jurisdictions.CountryOf).Distinct(StringComparer.Ordinal).ToList();
            Enisa = EnisaSeverity.Assess(facts);
            Risk = GdprRisk.Assess(facts, Enisa);
        }

        public BreachFacts Facts { get; }
        public Playbook Playbook { get; }
        public RegimeCatalog Catalog { get; }
        public AiSystem? PlaybookSystem { get; }
        public string? EuMainEstablishment { get; }
        public bool Nis2Entity { get; }
        public bool DoraEntity { get; }
        public bool SecRegistrant { get; }
        public bool HipaaCoveredEntity { get; }
        public bool AiHighRisk { get; }
        public IReadOnlyList<string> Countries { get; }
        public EnisaScore Enisa { get; }
        public GdprRisk Risk { get; }
        public string SevLevel { get; set; } = "SEV4";
        public DecisionLog Decisions { get; } = new();

        /// <summary>GDPR Art. 33: notify unless "unlikely to result in a risk" (<see cref="GdprRisk"/>: ENISA, then unintelligibility, EDPB adjustments, scale).</summary>
        public bool RiskLikely => Risk.Likely;

        /// <summary>GDPR Art. 34 "high risk" (<see cref="GdprRisk"/>).</summary>
        public bool HighRiskLevel => Risk.High;

        public Obligation Build(RegimeRule rule, string recipient, string country, DateTimeOffset clockStart,
            IReadOnlyList<string> notes, bool verify = false, PeriodUnit? unit = null)
        {
            var zoneId = rule.TimeZone == "recipient" ? Catalog.Country(country)?.TimeZone ?? "Etc/UTC" : rule.TimeZone;
            var calendar = rule.Holidays switch
            {
                null => HolidayCalendar.For(country),
                "recipient" => HolidayCalendar.For(country),
                var code => HolidayCalendar.For(code),
            };
            var periodUnit = unit ?? rule.PeriodUnit;
            var counting = DeadlineCalculator.Trace(clockStart, rule.Amount ?? 0, periodUnit, zoneId, calendar);
            var deadline = counting.Deadline;
            var steps = counting.Steps.ToList();
            if (deadline is { } d && rule.CapHoursFromAwareness is { } cap)
            {
                var limit = DeadlineCalculator.AddHours(Facts.AwareAt, cap);
                if (limit < d)
                {
                    deadline = limit;
                    steps.Add(new CountingStep { Kind = CountingStepKind.Adjusted, Note = $"capped at {cap} hours from awareness: {Iso(limit)}" });
                }
            }
            var allNotes = new List<string>();
            if (rule.Notes is { } ruleNotes)
            {
                allNotes.Add(ruleNotes);
            }
            allNotes.AddRange(notes);
            DateTimeOffset? extended = null;
            if (deadline is { } due && rule.Eu1182 && periodUnit is PeriodUnit.Days or PeriodUnit.Months)
            {
                extended = DeadlineCalculator.ExtendToWorkingDay(due, zoneId, calendar);
                if (extended is { } e)
                {
                    allNotes.Add($"The period ends on a weekend or public holiday in {country}: EU Regulation 1182/71 Art. 3(4) would extend it to {Iso(e)}. The unextended deadline stays binding until the authority confirms the extension.");
                }
            }
            if (!rule.InForceAt(clockStart))
            {
                allNotes.Add($"The rule is in force from {rule.EffectiveFrom:yyyy-MM-dd}; this clock starts earlier, so the earlier law may govern: verify.");
            }
            if (rule.Verify)
            {
                allNotes.Add("Rule marked verify: check the period and recipient against the current text before relying on it.");
            }
            return new Obligation
            {
                Regime = rule.Regime,
                Recipient = recipient,
                RecipientKind = rule.RecipientKind,
                ClockStart = clockStart.ToUniversalTime(),
                Deadline = deadline,
                DeadlineKind = deadline is null ? "without-undue-delay" : "fixed",
                TimeZone = zoneId,
                Source = rule.Source,
                ExtendedDeadline = extended,
                Verify = rule.Verify || verify || !rule.InForceAt(clockStart),
                Notes = allNotes,
                RuleKey = rule.Key,
                Counting = steps,
            };
        }
    }
}
