namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What an <see cref="ObligationBook"/> keeps beside its obligations (which the incident summary carries): the checkpoints
/// still planned, the ones that fired, and each obligation's escalation tier. Carried across a continue-as-new.
/// </summary>
/// <param name="Checkpoints">Every checkpoint planned, fired or not.</param>
/// <param name="Fired">The checkpoints that fired.</param>
/// <param name="Escalations">The escalation tier each obligation has climbed to.</param>
public sealed record ObligationBookState(
    IReadOnlyList<PlannedCheckpoint> Checkpoints,
    IReadOnlyList<FiredCheckpoint> Fired,
    IReadOnlyList<EscalationTier> Escalations);
