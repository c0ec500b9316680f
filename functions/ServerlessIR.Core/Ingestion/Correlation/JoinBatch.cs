namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>The quietly joined signals an incident takes in one turn (<see cref="IJoinLedger.TakeAsync"/>).</summary>
/// <param name="Number">The incident's batch number, from 1; the same number always names the same signals.</param>
/// <param name="Signals">The signals, at most <see cref="IJoinLedger.MaxBatch"/>; empty when none was waiting.</param>
/// <param name="More">Whether more were waiting than one batch holds.</param>
public sealed record JoinBatch(int Number, IReadOnlyList<JoinedSignal> Signals, bool More);
