namespace ServerlessIR.Core.Containment;

/// <summary>
/// A request to run one step automatically, counted against its budget. <see cref="ReservationKey"/> (incident and step)
/// makes a repeated request the same reservation.
/// </summary>
/// <param name="AiSystemId">The AI system the step acts on; null when the incident names none.</param>
/// <param name="Action">The dotted action ID.</param>
/// <param name="IncidentId">The incident asking.</param>
/// <param name="Step">The step's number in the incident (1-based).</param>
/// <param name="At">When the step is about to run (real time): the 24-hour window ends here.</param>
/// <param name="PerIncident">Automated runs allowed in one incident.</param>
/// <param name="PerDay">Automated runs allowed in any 24 hours, across incidents.</param>
public sealed record BudgetRequest(string? AiSystemId, string Action, string IncidentId, int Step, DateTimeOffset At, int PerIncident, int PerDay)
{
    public string ReservationKey => $"{IncidentId}/{Step}";
}
