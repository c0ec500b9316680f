namespace ServerlessIR.Core.Ingestion.Polling;

/// <summary>Publishes relayed events to the Event Grid topic (<c>EventGridPublisherClient</c>) or, locally, to the webhook.</summary>
public interface IRelayPublisher
{
    /// <summary>Publishes the events as one batch; throws if the topic did not accept them all.</summary>
    Task PublishAsync(IReadOnlyList<RelayedEvent> events, CancellationToken cancellationToken = default);
}
