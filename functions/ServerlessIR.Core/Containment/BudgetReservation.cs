namespace ServerlessIR.Core.Containment;

/// <summary>What the budget said: <see cref="Granted"/>, and the counts that decided it (this request included when granted).</summary>
public sealed record BudgetReservation(bool Granted, int UsedInIncident, int PerIncident, int UsedToday, int PerDay)
{
    /// <summary>One line for evidence and the owners' mail.</summary>
    public string Describe(string action, string? aiSystemId) => Granted
        ? $"{action} on {aiSystemId ?? "an unknown AI system"}: automated run {UsedToday} of {PerDay} in 24 h, {UsedInIncident} of {PerIncident} in this incident"
        : UsedInIncident >= PerIncident
            ? $"{action} already ran automatically {UsedInIncident} time(s) in this incident (budget {PerIncident})"
            : $"{action} on {aiSystemId ?? "an unknown AI system"} already ran automatically {UsedToday} time(s) in 24 h (budget {PerDay})";
}
