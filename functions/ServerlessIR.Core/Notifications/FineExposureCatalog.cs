using System.Text.Json;

namespace ServerlessIR.Core.Notifications;

/// <summary>
/// The fine ceilings of <c>fine-exposure.json</c> and which apply to an incident's regimes: one line per regime family (two
/// GDPR duties are one exposure), in the order the regimes first name a family; a regime no family matches gets a line
/// saying the data has no figure, so the brief never implies a regime costs nothing.
/// </summary>
public static class FineExposureCatalog
{
    private static readonly Lazy<IReadOnlyList<FineExposure>> Families = new(Load);

    /// <summary>Every family in the data, in file order.</summary>
    public static IReadOnlyList<FineExposure> All => Families.Value;

    /// <summary>The exposures of <paramref name="regimes"/>.</summary>
    public static IReadOnlyList<FineExposure> For(IEnumerable<string> regimes) => For(regimes, All);

    /// <summary>
    /// The families of the data any of <paramref name="regimes"/> belongs to, for a plan to carry (so the orchestration can
    /// write a brief's exposures without reading the data itself).
    /// </summary>
    public static IReadOnlyList<FineExposure> FamiliesOf(IEnumerable<string> regimes)
    {
        ArgumentNullException.ThrowIfNull(regimes);
        var named = regimes.ToList();
        return [.. All.Where(f => named.Exists(r => f.Prefixes.Any(p => r.StartsWith(p, StringComparison.Ordinal))))];
    }

    /// <summary>The exposures of <paramref name="regimes"/> among <paramref name="families"/> (all of the data, or a plan's <see cref="FamiliesOf"/>).</summary>
    public static IReadOnlyList<FineExposure> For(IEnumerable<string> regimes, IReadOnlyList<FineExposure> families)
    {
        ArgumentNullException.ThrowIfNull(regimes);
        ArgumentNullException.ThrowIfNull(families);
        var found = new List<FineExposure>();
        foreach (var regime in regimes.Distinct(StringComparer.Ordinal))
        {
            var family = families.FirstOrDefault(f => f.Prefixes.Any(p => regime.StartsWith(p, StringComparison.Ordinal)));
            var name = family?.Family ?? regime;
            var index = found.FindIndex(f => f.Family == name);
            if (index >= 0)
            {
                found[index] = found[index] with { Regimes = [.. found[index].Regimes, regime] };
                continue;
            }
            found.Add(family is null
                ? new FineExposure
                {
                    Family = regime,
                    Regimes = [regime],
                    Basis = "no maximum in ServerlessIR's data: ask counsel",
                    Source = "none recorded",
                }
                : family with { Regimes = [regime] });
        }
        return found;
    }

    private static IReadOnlyList<FineExposure> Load()
    {
        var assembly = typeof(FineExposureCatalog).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Notifications.fine-exposure.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("families").Deserialize<List<FineExposure>>(JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("fine-exposure.json has no families.");
    }
}
