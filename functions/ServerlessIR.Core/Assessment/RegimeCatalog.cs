using System.Text.Json;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// The regimes (notice template, title, default checkpoints), their notification rules and the per-country authorities,
/// loaded from the embedded <c>regimes.catalog.json</c> so a legal change is a data change with its source beside it. Every
/// other place that needs a fact about a regime reads it here.
/// </summary>
public sealed class RegimeCatalog
{
    private static readonly Lazy<RegimeCatalog> Embedded = new(() =>
    {
        var assembly = typeof(RegimeCatalog).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Assessment.regimes.catalog.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    private readonly Dictionary<string, RegimeRule> _byKey;
    private readonly Dictionary<string, RegimeEntry> _regimes;

    public RegimeCatalog(IReadOnlyList<RegimeEntry> regimes, IReadOnlyList<RegimeRule> rules, IReadOnlyDictionary<string, CountryAuthorities> countries)
    {
        ArgumentNullException.ThrowIfNull(regimes);
        ArgumentNullException.ThrowIfNull(rules);
        Regimes = regimes;
        Rules = rules;
        Countries = countries;
        _regimes = regimes.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _byKey = rules.ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => r.After is not null && !_byKey.ContainsKey(r.After)))
        {
            throw new InvalidOperationException($"rule {rule.Key}: 'after' names unknown rule '{rule.After}'");
        }
        foreach (var rule in rules.Where(r => !_regimes.ContainsKey(r.Regime)))
        {
            throw new InvalidOperationException($"rule {rule.Key}: regime '{rule.Regime}' has no entry under 'regimes'");
        }
        foreach (var regime in regimes)
        {
            if (!rules.Any(r => r.Regime == regime.Id))
            {
                throw new InvalidOperationException($"regime {regime.Id}: no rule says who is told by when");
            }
            if ((regime.Template is null) != (regime.Title is null))
            {
                throw new InvalidOperationException($"regime {regime.Id}: a notice needs both a template and a title");
            }
            if (regime.Manual && regime.Template is not null)
            {
                throw new InvalidOperationException($"regime {regime.Id}: 'manual' and a template exclude each other");
            }
        }
        TemplatesByRegime = regimes.Where(r => r.Template is not null).ToDictionary(r => r.Id, r => r.Template!, StringComparer.Ordinal);
    }

    /// <summary>The catalog shipped in this assembly.</summary>
    public static RegimeCatalog Default => Embedded.Value;

    public IReadOnlyList<RegimeEntry> Regimes { get; }
    public IReadOnlyList<RegimeRule> Rules { get; }
    public IReadOnlyDictionary<string, CountryAuthorities> Countries { get; }

    /// <summary>Regime ID -> the template that drafts its notice, for the regimes that have one.</summary>
    public IReadOnlyDictionary<string, string> TemplatesByRegime { get; }

    /// <summary>The regime with this ID.</summary>
    public RegimeEntry Regime(string id) =>
        _regimes.TryGetValue(id, out var regime) ? regime : throw new KeyNotFoundException($"no regime '{id}' in the regime catalog");

    /// <summary>The rule with this key.</summary>
    public RegimeRule Rule(string key) =>
        _byKey.TryGetValue(key, out var rule) ? rule : throw new KeyNotFoundException($"no rule '{key}' in the regime catalog");

    /// <summary>The rule of <paramref name="regime"/> for one of its cases (<see cref="RegimeRule.Variant"/>), or null when it has none for it.</summary>
    public RegimeRule? Variant(string regime, string? variant) =>
        variant is null ? null : Rules.FirstOrDefault(r => r.Regime == regime && r.Variant == variant);

    /// <summary>
    /// The template that drafts the notice of <paramref name="regime"/> to <paramref name="recipient"/>: the rule's own for
    /// that recipient, else the regime's; null when the regime drafts none.
    /// </summary>
    public string? TemplateFor(string regime, string recipient)
    {
        var own = Rules.FirstOrDefault(r => r.Regime == regime && r.Recipient == recipient && r.Template is not null);
        return own?.Template ?? (_regimes.TryGetValue(regime, out var entry) ? entry.Template : null);
    }

    /// <summary>
    /// What keeps a regime from having a notice: neither a template nor <c>manual: true</c> with a reason, or a template that
    /// is not among <paramref name="templateNames"/> (when given). Empty when every regime has its notice.
    /// </summary>
    public IReadOnlyList<string> NoticeProblems(IReadOnlyCollection<string>? templateNames = null)
    {
        var problems = new List<string>();
        foreach (var regime in Regimes)
        {
            if (regime.Template is null && !regime.Manual)
            {
                problems.Add($"regime {regime.Id}: no notice template and not marked manual: add a template, or manual: true with a manualReason");
            }
            else if (regime.Manual && string.IsNullOrWhiteSpace(regime.ManualReason))
            {
                problems.Add($"regime {regime.Id}: manual: true needs a manualReason saying why no notice is drafted");
            }
            var templates = Rules.Where(r => r.Regime == regime.Id).Select(r => r.Template).Append(regime.Template).OfType<string>().Distinct(StringComparer.Ordinal);
            foreach (var template in templates.Where(t => templateNames is not null && !templateNames.Contains(t)))
            {
                problems.Add($"regime {regime.Id}: template '{template}' is not in notification-templates/");
            }
        }
        return problems;
    }

    /// <summary>The authorities of an ISO 3166-1 country, or null when the catalog has none.</summary>
    public CountryAuthorities? Country(string code) => Countries.TryGetValue(code, out var c) ? c : null;

    /// <summary>Parses catalog JSON; unknown members fail, so a misspelt field cannot silently drop a rule's meaning.</summary>
    public static RegimeCatalog Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var regimes = root.GetProperty("regimes").Deserialize<Dictionary<string, RegimeEntry>>(CatalogJson.Options) ?? [];
        var rules = root.GetProperty("rules").Deserialize<List<RegimeRule>>(CatalogJson.Options) ?? [];
        var countries = root.GetProperty("countries").Deserialize<Dictionary<string, CountryAuthorities>>(CatalogJson.Options) ?? [];
        return new RegimeCatalog([.. regimes.Select(r => r.Value with { Id = r.Key })], rules, countries);
    }
}
