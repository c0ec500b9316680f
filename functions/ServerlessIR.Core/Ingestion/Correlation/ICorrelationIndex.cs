namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>
/// The correlation index: which incident each correlation key points at. Claims are conditional writes, so two concurrent
/// deliveries cannot both open an incident for the same key.
/// </summary>
public interface ICorrelationIndex
{
    /// <summary>The entry for <paramref name="key"/>, or null when no incident was ever opened under it.</summary>
    Task<CorrelationEntry?> FindAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points <paramref name="key"/> at <paramref name="incidentId"/> if the entry is still <paramref name="expected"/> (null:
    /// if there is none). False when another delivery changed it first; true, without a write, when it already points there.
    /// </summary>
    Task<bool> TryClaimAsync(string key, CorrelationEntry? expected, string incidentId, DateTimeOffset openedAt, CancellationToken cancellationToken = default);

    /// <summary>Points each of <paramref name="keys"/> at <paramref name="incidentId"/>, whatever they pointed at (one write where the store allows).</summary>
    Task SetManyAsync(IReadOnlyList<string> keys, string incidentId, DateTimeOffset openedAt, CancellationToken cancellationToken = default);
}
