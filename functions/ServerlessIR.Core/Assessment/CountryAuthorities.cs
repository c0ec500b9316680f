namespace ServerlessIR.Core.Assessment;

/// <summary>The authorities of one country that our regimes name, and the country's time zone for counting days.</summary>
public sealed record CountryAuthorities
{
    public required string TimeZone { get; init; }
    public string? DataProtection { get; init; }
    public string? Csirt { get; init; }
    public string? Financial { get; init; }
    public string? AiMarketSurveillance { get; init; }
}
