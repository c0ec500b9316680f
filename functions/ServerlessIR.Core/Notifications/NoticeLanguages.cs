namespace ServerlessIR.Core.Notifications;

/// <summary>
/// The languages in which residents of a jurisdiction are addressed, most used first. A residents' notice is drafted in the
/// first of them that has a template variant (<c>NAME.LANG.html.liquid</c>), else in the base template (English).
/// </summary>
public static class NoticeLanguages
{
    private static readonly Dictionary<string, string[]> ByJurisdiction = new(StringComparer.Ordinal)
    {
        ["DE"] = ["de"], ["AT"] = ["de"], ["LI"] = ["de"], ["CH"] = ["de", "fr", "it"],
        ["FR"] = ["fr"], ["LU"] = ["fr", "de"], ["BE"] = ["nl", "fr"], ["MC"] = ["fr"], ["CA-QC"] = ["fr"],
        ["ES"] = ["es"], ["MX"] = ["es"], ["AR"] = ["es"], ["CO"] = ["es"], ["CL"] = ["es"], ["PE"] = ["es"],
        ["IT"] = ["it"], ["SM"] = ["it"], ["VA"] = ["it"],
        ["NL"] = ["nl"],
        ["BR"] = ["pt-BR"], ["PT"] = ["pt"],
        ["JP"] = ["ja"],
    };

    /// <summary>The languages for <paramref name="jurisdiction"/> (a subdivision first, then its country); empty when only the base template fits.</summary>
    public static IReadOnlyList<string> For(string jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        return ByJurisdiction.TryGetValue(jurisdiction, out var own) ? own
            : ByJurisdiction.TryGetValue(Assessment.Jurisdictions.CountryOf(jurisdiction), out var national) ? national
            : [];
    }
}
