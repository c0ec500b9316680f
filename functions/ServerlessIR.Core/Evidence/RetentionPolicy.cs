namespace ServerlessIR.Core.Evidence;

/// <summary>Computes until when an incident's evidence must be kept, from the regimes that applied.</summary>
/// <remarks>
/// The longest period of any applying regime wins, since one record set serves all of them. A regime
/// with no rule of its own (GDPR Art. 33(5) sets none) gets the default; so does an incident with no
/// regime at all. Periods run from the moment of anchoring (real time), which is no earlier than
/// the last record anchored.
/// </remarks>
public sealed class RetentionPolicy(RetentionOptions options)
{
    private readonly RetentionOptions options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Months to keep records of <paramref name="regime"/>.</summary>
    public int MonthsFor(string regime)
    {
        ArgumentNullException.ThrowIfNull(regime);
        var best = options.MonthsByRegime
            .Where(p => regime.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Key.Length)
            .Select(p => (int?)p.Value)
            .FirstOrDefault();
        return best ?? options.DefaultMonths;
    }

    /// <summary>The retain-until instant for evidence anchored at <paramref name="from"/>.</summary>
    public DateTimeOffset RetainUntil(DateTimeOffset from, IEnumerable<string>? regimes)
    {
        var list = regimes?.Where(r => !string.IsNullOrWhiteSpace(r)).ToList() ?? [];
        var months = list.Count == 0 ? options.DefaultMonths : list.Max(MonthsFor);
        return from.ToUniversalTime().AddMonths(months);
    }
}
