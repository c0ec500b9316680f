using System.Globalization;

namespace ServerlessIR.Core.Notifications;

/// <summary>
/// The highest administrative fine one regime family's law allows, as the executive brief shows it: a fixed amount, a share
/// of turnover, how the two combine (<see cref="Basis"/>) and the primary text it comes from (<c>fine-exposure.json</c>).
/// </summary>
public sealed record FineExposure
{
    public required string Family { get; init; }

    /// <summary>The regime IDs (<c>gdpr-art33</c>, ...) a family matches by prefix.</summary>
    public IReadOnlyList<string> Prefixes { get; init; } = [];

    /// <summary>The incident's regimes this exposure stands for.</summary>
    public IReadOnlyList<string> Regimes { get; init; } = [];

    /// <summary>The fixed ceiling, in <see cref="Currency"/>; null when the law sets none.</summary>
    public decimal? Amount { get; init; }

    public string Currency { get; init; } = "EUR";

    /// <summary>The share of turnover, in percent; null when the law sets none.</summary>
    public decimal? TurnoverPercent { get; init; }

    public required string Basis { get; init; }

    public required string Source { get; init; }

    /// <summary>Not re-read in the primary text when added: shown so, as the regime catalog shows its own such rules.</summary>
    public bool Verify { get; init; }

    /// <summary>The ceiling in one line, e.g. <c>EUR 20,000,000 or 4% of turnover</c>.</summary>
    public string Maximum => (Amount, TurnoverPercent) switch
    {
        ({ } amount, { } percent) => string.Create(CultureInfo.InvariantCulture, $"{Currency} {amount:N0} or {percent:0.##}% of turnover"),
        ({ } amount, null) => string.Create(CultureInfo.InvariantCulture, $"{Currency} {amount:N0}"),
        (null, { } percent) => string.Create(CultureInfo.InvariantCulture, $"{percent:0.##}% of turnover"),
        _ => "set by national law",
    };
}
