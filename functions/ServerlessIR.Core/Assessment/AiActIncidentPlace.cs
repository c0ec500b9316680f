namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Where an AI Act serious incident is reported: Art. 73(1) sends the report to the market surveillance authorities of the
/// Member State(s) where the incident occurred, so the provider's home authority is no fallback for an incident that occurred
/// only outside the Union. Only when the facts name no place at all is the home Member State listed, flagged for checking.
/// </summary>
public sealed record AiActIncidentPlace
{
    /// <summary>The Member States whose authorities receive a report; empty when Art. 73 sends none.</summary>
    public required IReadOnlyList<string> MemberStates { get; init; }

    /// <summary>Why these Member States (or none), for the assessment's decisions.</summary>
    public required string Reason { get; init; }

    /// <summary>The place was assumed rather than given: the obligation is shown as to verify.</summary>
    public bool Assumed { get; init; }

    /// <summary>Decides the place from the countries concerned (<paramref name="countries"/>) and the EU main establishment, if any.</summary>
    public static AiActIncidentPlace Decide(IReadOnlyList<string> countries, string? euMainEstablishment)
    {
        ArgumentNullException.ThrowIfNull(countries);
        var inUnion = countries.Where(Jurisdictions.EuMemberStates.Contains).ToList();
        if (inUnion.Count > 0)
        {
            return new AiActIncidentPlace
            {
                MemberStates = inUnion,
                Reason = $"EU AI Act Art. 73(1): reported to the market surveillance authority of each Member State where the incident occurred ({string.Join(", ", inUnion)})",
            };
        }
        if (countries.Count == 0 && euMainEstablishment is { } home && Jurisdictions.EuMemberStates.Contains(home))
        {
            return new AiActIncidentPlace
            {
                MemberStates = [home],
                Assumed = true,
                Reason = $"EU AI Act Art. 73(1): where the incident occurred is not given (no jurisdictions); listed for the home Member State {home} until the place is known",
            };
        }
        var where = countries.Count == 0 ? "no place given and no EU establishment" : $"it affected only {string.Join(", ", countries)}";
        return new AiActIncidentPlace
        {
            MemberStates = [],
            Reason = $"EU AI Act Art. 73 report not due: the serious incident did not occur in an EU Member State ({where}), and Art. 73(1) names the authority of the Member State where it occurred, not the provider's home authority. " +
                "What still applies: record and analyse it in the post-market monitoring system (Art. 72), take corrective action if the system presents a risk (Art. 20), and check the law of the countries where it occurred",
        };
    }
}
