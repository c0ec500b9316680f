namespace ServerlessIR.Core.Incidents;

/// <summary>
/// A law-enforcement request to delay notices (e.g. Cal. Civ. Code 1798.82(c); GDPR recital 88 for data subjects). The
/// requester and reason are recorded; the clock keeps running and stays visible, and a deadline that passes on hold is
/// recorded as such rather than as late.
/// </summary>
/// <param name="Regimes">Regime IDs the hold covers; empty means every obligation of the incident.</param>
/// <param name="RequestedBy">The agency and officer, as given in the request.</param>
/// <param name="Reason">The reason stated in the request.</param>
/// <param name="Lift">True to lift an earlier hold on these regimes.</param>
public sealed record LawEnforcementHold(IReadOnlyList<string> Regimes, string RequestedBy, string Reason, bool Lift = false)
{
    /// <summary>When the hold was recorded (incident time), set by the orchestrator.</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    public bool Covers(string regime) => Regimes.Count == 0 || Regimes.Contains(regime, StringComparer.Ordinal);
}
