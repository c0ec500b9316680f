namespace ServerlessIR.Core.Approvals;

/// <summary>Durable dual-control requests (Table Storage), idempotent by request ID; a decision is taken once.</summary>
public interface IDualControlStore
{
    /// <summary>Stores <paramref name="request"/>, or returns the one already stored under its ID.</summary>
    Task<DualControlRequest> CreateAsync(DualControlRequest request, CancellationToken cancellationToken = default);

    Task<DualControlRequest?> GetAsync(string incidentId, string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="decided"/> (approved, rejected or expired) if the stored request is still pending; false when
    /// another decision got there first (read the request again to see which).
    /// </summary>
    Task<bool> TryDecideAsync(DualControlRequest decided, CancellationToken cancellationToken = default);

    /// <summary>Puts an approved request back to pending when its event could not be raised, so it can be approved again.</summary>
    Task ReopenAsync(string incidentId, string requestId, CancellationToken cancellationToken = default);
}
