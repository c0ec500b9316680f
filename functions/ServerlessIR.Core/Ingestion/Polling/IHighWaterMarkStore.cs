namespace ServerlessIR.Core.Ingestion.Polling;

/// <summary>Where the poller keeps its <see cref="HighWaterMark"/> per org and event store, across restarts.</summary>
public interface IHighWaterMarkStore
{
    Task<HighWaterMark?> GetAsync(string orgId, string eventStore, CancellationToken cancellationToken = default);

    Task SaveAsync(string orgId, string eventStore, HighWaterMark mark, CancellationToken cancellationToken = default);
}
