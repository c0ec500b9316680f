namespace ServerlessIR.Core.Evidence;

/// <summary>How long evidence is kept, per regime, in months (configuration section <c>Evidence:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>For regimes with no rule of their own, and when no regime applied: 5 years.</summary>
    public int DefaultMonths { get; set; } = 60;

    /// <summary>
    /// Months by regime ID prefix; the longest matching prefix wins (<c>eu-ai-act</c> matches <c>eu-ai-act-art73</c>).
    /// Defaults: AI Act logs at least 6 months (Art. 19, 26(6)), PIPEDA breach records 24 months,
    /// ANPD (LGPD) incident records 5 years, HIPAA documentation 6 years.
    /// </summary>
    public Dictionary<string, int> MonthsByRegime { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eu-ai-act"] = 6,
        ["ca-pipeda"] = 24,
        ["br-lgpd"] = 60,
        ["us-hipaa"] = 72,
    };
}
