using System.Text.Json;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// The notification rules and per-country authorities, loaded from the embedded <c>regimes.catalog.json</c> so a
/// legal change is a data change with its source beside it.
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

    public RegimeCatalog(IReadOnlyList<RegimeRule> rules, IReadOnlyDictionary<string, CountryAuthorities> countries)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        Countries = countries;
        _byKey = rules.ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => r.After is not null && !_byKey.ContainsKey(r.After)))
        {
            throw new InvalidOperationException($"rule {rule.Key}: 'after' names unknown rule '{rule.After}'");
        }
    }

    /// <summary>The catalog shipped in this assembly.</summary>
    public static RegimeCatalog Default => Embedded.Value;

    public IReadOnlyList<RegimeRule> Rules { get; }
    public IReadOnlyDictionary<string, CountryAuthorities> Countries { get; }

    /// <summary>The rule with this key.</summary>
    public RegimeRule Rule(string key) =>
        _byKey.TryGetValue(key, out var rule) ? rule : throw new KeyNotFoundException($"no rule '{key}' in the regime catalog");

    /// <summary>The authorities of an ISO 3166-1 country, or null when the catalog has none.</summary>
    public CountryAuthorities? Country(string code) => Countries.TryGetValue(code, out var c) ? c : null;

    /// <summary>Parses catalog JSON; unknown members fail, so a misspelt field cannot silently drop a rule's meaning.</summary>
    public static RegimeCatalog Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var rules = root.GetProperty("rules").Deserialize<List<RegimeRule>>(CatalogJson.Options) ?? [];
        var countries = root.GetProperty("countries").Deserialize<Dictionary<string, CountryAuthorities>>(CatalogJson.Options) ?? [];
        return new RegimeCatalog(rules, countries);
    }
}
