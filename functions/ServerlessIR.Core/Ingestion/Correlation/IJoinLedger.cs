namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>
/// Joined signals that do not widen their incident, recorded by ingestion and taken by the incident in batches, so an
/// alert storm costs one orchestration turn per batch instead of one per signal.
/// </summary>
/// <remarks>
/// The ledger keeps per incident its scope (<see cref="IncidentScope"/>), a wake flag and the signals waiting. A joining
/// signal is recorded first and the flag read after; a take clears the flag first and reads the signals after. So a
/// signal recorded after a take's read finds the flag cleared and wakes the incident again, and none waits unseen.
/// </remarks>
public interface IJoinLedger
{
    /// <summary>The most signals one batch holds (one storage transaction, one evidence record).</summary>
    const int MaxBatch = 64;

    /// <summary>Records a new incident's scope from its first signal; an existing scope is kept.</summary>
    Task OpenAsync(string incidentId, IncidentScope scope, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="signal"/> as waiting for its incident when it does not widen the recorded scope.</summary>
    Task<QuietJoin> TryRecordAsync(string incidentId, Signal signal, string payloadHash, CancellationToken cancellationToken = default);

    /// <summary>Adds a widening signal's facts to the recorded scope (the signal itself joins as an event).</summary>
    Task WidenAsync(string incidentId, Signal signal, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the waiting signals as batch <paramref name="number"/>: clears the wake flag, moves up to
    /// <see cref="MaxBatch"/> waiting signals into the batch in one transaction and returns it. Asked again for a number it
    /// already made, it returns the same batch, so a retried take neither loses nor repeats signals.
    /// </summary>
    Task<JoinBatch> TakeAsync(string incidentId, int number, CancellationToken cancellationToken = default);
}
