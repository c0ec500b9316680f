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
}
