namespace ServerlessIR.Core.Assessment;

/// <summary>
/// One notification rule from <c>regimes.catalog.json</c>: who is told, from which event the clock runs, for how
/// long, in which time zone, under which legal source, and whether the rule still needs checking (<see cref="Verify"/>).
/// </summary>
public sealed record RegimeRule
{
    /// <summary>Unique within the catalog, e.g. <c>eu-ai-act-art73.death</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Regime ID as docs/architecture.md lists it, e.g. <c>gdpr-art33</c>.</summary>
    public required string Regime { get; init; }

    /// <summary>Which case of the regime this rule covers (the AI Act's serious-incident kinds).</summary>
    public string? Variant { get; init; }

    public required string RecipientKind { get; init; }

    /// <summary>A recipient name, or a role resolved per country (<c>csirt</c>, <c>financial-authority</c>, ...).</summary>
    public required string Recipient { get; init; }

    /// <summary><c>awareness</c>, <c>materiality-determination</c>, <c>dora-classification</c>, <c>notifiable-assessment</c> or <c>previous-deadline</c>.</summary>
    public required string ClockStart { get; init; }

    /// <summary>The rule whose deadline starts this one's clock, when <see cref="ClockStart"/> is <c>previous-deadline</c>.</summary>
    public string? After { get; init; }

    public int? Amount { get; init; }

    /// <summary><c>hours</c>, <c>days</c>, <c>business-days</c>, <c>months</c> or <c>without-undue-delay</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>An upper bound in hours from awareness (DORA's initial notification: 4 h after classification, at most 24 h after awareness).</summary>
    public int? CapHoursFromAwareness { get; init; }

    /// <summary>An IANA time zone ID, or <c>recipient</c> for the recipient country's zone.</summary>
    public required string TimeZone { get; init; }

    /// <summary>Holiday calendar for business days and the 1182/71 extension: a country code, <c>recipient</c>, or null.</summary>
    public string? Holidays { get; init; }

    /// <summary>Whether EU Regulation 1182/71 governs the period (EU acts counted in days or months).</summary>
    public bool Eu1182 { get; init; }

    public required string Source { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveUntil { get; init; }

    /// <summary>docs/regulatory-sources.md marks the rule <em>verify</em>: show it as unverified until a person has checked it.</summary>
    public bool Verify { get; init; }

    public string? Notes { get; init; }

    /// <summary>The rule applies only when at least this many people are affected (a U.S. attorney general's threshold).</summary>
    public int? MinSubjects { get; init; }

    /// <summary>The template for this rule's recipient when it differs from the regime's (a residents' notice beside an authority's).</summary>
    public string? Template { get; init; }

    /// <summary>The counting unit as an enum.</summary>
    public PeriodUnit PeriodUnit => Unit switch
    {
        "hours" => PeriodUnit.Hours,
        "days" => PeriodUnit.Days,
        "business-days" => PeriodUnit.BusinessDays,
        "months" => PeriodUnit.Months,
        "without-undue-delay" => PeriodUnit.WithoutUndueDelay,
        _ => throw new InvalidOperationException($"rule {Key}: unknown unit '{Unit}'"),
    };

    /// <summary>Whether the rule is in force for a clock that starts at <paramref name="instant"/>.</summary>
    public bool InForceAt(DateTimeOffset instant)
    {
        var day = DateOnly.FromDateTime(instant.UtcDateTime);
        return day >= EffectiveFrom && (EffectiveUntil is not { } until || day <= until);
    }
}
