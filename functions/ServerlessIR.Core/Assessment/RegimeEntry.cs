namespace ServerlessIR.Core.Assessment;

/// <summary>
/// One regime of <c>regimes.catalog.json</c> beyond its rules: the notice ServerlessIR drafts for it (template and title)
/// and the checkpoints at which the orchestrator wakes for it unless the playbook sets its own. Adding a regime means adding
/// its entry and its rules to the catalog, its template to <c>notification-templates/</c>, and its applicability to
/// <see cref="BreachAssessor"/>.
/// </summary>
public sealed record RegimeEntry
{
    /// <summary>Regime ID as docs/regimes.md lists it, e.g. <c>gdpr-art33</c>: the entry's key in the catalog.</summary>
    public string Id { get; init; } = "";

    /// <summary>The template in <c>notification-templates/</c> that drafts this regime's notice; null when none is drafted.</summary>
    public string? Template { get; init; }

    /// <summary>The drafted notice's title (review e-mail, review page, evidence); given exactly when <see cref="Template"/> is.</summary>
    public string? Title { get; init; }

    /// <summary>Hours after the clock start at which the orchestrator wakes, unless the playbook's <c>clock.checkpoints</c> names the regime.</summary>
    public IReadOnlyList<double> Checkpoints { get; init; } = [];

    /// <summary>
    /// No notice is drafted on purpose: the recipient takes the report only through its own form or portal, or counsel must
    /// write it. Given with <see cref="ManualReason"/>, and never together with <see cref="Template"/>.
    /// </summary>
    public bool Manual { get; init; }

    /// <summary>Why the regime's notice is written by hand (<see cref="Manual"/>), shown by <c>ir playbook check</c>.</summary>
    public string? ManualReason { get; init; }

    /// <summary>
    /// Where the people its notice addresses live: ISO 3166-1 codes, or <c>EEA</c>. A residents' notice is drafted in the
    /// language of each of these countries among the incident's jurisdictions; empty means every jurisdiction counts.
    /// </summary>
    public IReadOnlyList<string> Residents { get; init; } = [];

    /// <summary>The incident's jurisdictions (countries or subdivisions) whose residents this regime's notice addresses, in order.</summary>
    public IReadOnlyList<string> ResidentsAmong(IEnumerable<string> jurisdictions)
    {
        ArgumentNullException.ThrowIfNull(jurisdictions);
        return [.. jurisdictions.Distinct(StringComparer.Ordinal).Where(code => IsResident(Jurisdictions.CountryOf(code)))];
    }

    private bool IsResident(string country) =>
        Residents.Count == 0 || Residents.Contains(country) || (Residents.Contains("EEA") && Jurisdictions.Eea.Contains(country));
}
