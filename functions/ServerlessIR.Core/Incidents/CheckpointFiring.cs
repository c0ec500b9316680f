using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>What a fired checkpoint means for its obligation, as <see cref="ObligationBook.Fire"/> decided it.</summary>
/// <param name="Obligation">The obligation as it stood before the checkpoint; null when no obligation has the checkpoint.</param>
/// <param name="Done">The obligation is submitted or no longer required: the ladder does nothing.</param>
/// <param name="Late">The deadline passed without a submission (and without a hold): reasons for the delay are required.</param>
public sealed record CheckpointFiring(PlannedCheckpoint Checkpoint, ObligationSummary? Obligation, bool Done, bool Late)
{
    /// <summary>The deadline passed while a law-enforcement hold was in force: recorded as such, not as late.</summary>
    public bool DeadlineOnHold => Checkpoint.Kind == CheckpointKind.Deadline && Obligation?.Status == ObligationStatus.OnHold;
}
