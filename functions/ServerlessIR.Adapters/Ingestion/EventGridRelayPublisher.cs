using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Options;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Polling;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Publishes relayed events as CloudEvents 1.0 with <see cref="EventGridPublisherClient"/>: to the Event Grid topic with the
/// app's managed identity in Azure, or straight to the local pipeline's webhook with its key (the same wire format Event Grid
/// delivers: a <c>application/cloudevents-batch+json</c> array).
/// </summary>
public sealed class EventGridRelayPublisher : IRelayPublisher
{
    // Attribute names, quotes and the time: what a CloudEvent adds to its data, generously.
    private const int EnvelopeBytes = 256;
    private readonly Lazy<EventGridPublisherClient> client;

    public EventGridRelayPublisher(IOptions<RelayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        client = new Lazy<EventGridPublisherClient>(() => Create(settings));
    }

    public async Task PublishAsync(IReadOnlyList<RelayedEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return;
        var cloudEvents = events.Select(e => new CloudEvent(e.Source, e.Type, BinaryData.FromObjectAsJson(e.Data), "application/json")
        {
            Id = e.Id,
            Time = e.Time,
        }).ToList();
        foreach (var batch in Batches(cloudEvents))
        {
            await client.Value.SendEventsAsync(batch, cancellationToken);
        }
    }

    /// <summary>
    /// The events in order, in batches Event Grid takes: under its 1 MB per publish (with room for the envelope) and 5,000
    /// events. A page of large records would otherwise be refused whole, every run, and hold its store's mark forever.
    /// </summary>
    public static IEnumerable<IReadOnlyList<CloudEvent>> Batches(IReadOnlyList<CloudEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        const int budget = IngestionLimits.MaxDeliveryBytes - 64 * 1024;
        var batch = new List<CloudEvent>();
        var size = 0;
        foreach (var e in events)
        {
            var estimate = EnvelopeBytes + (e.Data?.ToMemory().Length ?? 0) + Encoding.UTF8.GetByteCount(e.Id + e.Source + e.Type);
            if (batch.Count > 0 && (size + estimate > budget || batch.Count == IngestionLimits.MaxEventsPerDelivery))
            {
                yield return batch;
                batch = [];
                size = 0;
            }
            batch.Add(e);
            size += estimate;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static EventGridPublisherClient Create(RelayOptions settings)
    {
        var endpoint = settings.TopicEndpoint
            ?? throw new InvalidOperationException("ServerlessIR:Relay:TopicEndpoint is not set: the Salesforce relay has nowhere to publish.");
        var clientOptions = new EventGridPublisherClientOptions();
        if (!string.IsNullOrEmpty(settings.WebhookKey))
        {
            // A key is how the local host reaches its own webhook; anywhere else the topic takes Entra ID only (its local
            // auth is off), so a key aimed at a remote endpoint is a misconfiguration that would leak the key.
            if (!endpoint.IsLoopback)
            {
                throw new InvalidOperationException("ServerlessIR:Relay:WebhookKey is for the local host only; a remote endpoint is reached with the managed identity.");
            }
            // Local only: the pipeline's webhook authenticates like a Functions function key, not like a topic.
            clientOptions.AddPolicy(new FunctionKeyPolicy(settings.WebhookKey), HttpPipelinePosition.PerCall);
            return new EventGridPublisherClient(endpoint, new AzureKeyCredential("local-webhook"), clientOptions);
        }
        return new EventGridPublisherClient(endpoint,
            new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.ManagedIdentityClientId }),
            clientOptions);
    }

    private sealed class FunctionKeyPolicy(string key) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("x-functions-key", key);
    }
}
