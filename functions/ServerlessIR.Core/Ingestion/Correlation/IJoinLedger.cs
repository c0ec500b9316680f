namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>
/// Joined signals that do not widen their incident, recorded by ingestion and taken by the incident in batches, so an
/// alert storm costs one orchestration turn per batch instead of one per signal.
/// </summary>
/// <remarks>
/// The ledger keeps per incident its scope (<see cref="IncidentScope"/>), a wake flag and the signals waiting. A joining
/// signal is recorded first and the flag read after; a take clears the flag first and reads the signals after. So a
/// signal recorded after a take's read finds the flag cleared and wakes the incident again, and none waits unseen.
/// The incident's final take seals the ledger first in the same way: a signal whose record read the scope before the seal
/// is read by the final take, one that read it after is withdrawn and answered <see cref="QuietJoin.Closed"/>, so a
/// signal answered as joined is always counted.
/// </remarks>
public interface IJoinLedger
{
    /// <summary>The most signals one batch holds (one storage transaction, one evidence record).</summary>
    const int MaxBatch = 64;

    /// <summary>Records a new incident's scope from its first signal; an existing scope is kept.</summary>
    Task OpenAsync(string incidentId, IncidentScope scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="signal"/> as waiting for its incident when it does not widen the recorded scope. When the
    /// ledger was sealed before the signal was seen waiting, the signal is withdrawn and the answer is
    /// <see cref="QuietJoin.Closed"/>; when the final take got it first, it counts as recorded.
    /// </summary>
    Task<QuietJoin> TryRecordAsync(string incidentId, Signal signal, string payloadHash, CancellationToken cancellationToken = default);

    /// <summary>Adds a widening signal's facts to the recorded scope (the signal itself joins as an event).</summary>
    Task WidenAsync(string incidentId, Signal signal, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the waiting signals as batch <paramref name="number"/>: clears the wake flag, moves up to
    /// <see cref="MaxBatch"/> waiting signals into the batch in one transaction and returns it. Asked again for a number it
    /// already made, it returns the same batch, so a retried take neither loses nor repeats signals.
    /// </summary>
    Task<JoinBatch> TakeAsync(string incidentId, int number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Seals the incident's ledger before its final take: no signal is recorded for it afterwards. Idempotent; a ledger
    /// with no scope (an incident opened before the ledger existed) has nothing to seal.
    /// </summary>
    Task SealAsync(string incidentId, CancellationToken cancellationToken = default);
}
