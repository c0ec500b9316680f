namespace ServerlessIR.Adapters.Ingestion;

/// <summary>One of Event Grid's own lifecycle events (<c>Microsoft.EventGrid.SubscriptionDeletedEvent</c>), for the log.</summary>
/// <param name="EventType">The event's type.</param>
/// <param name="Subject">What it is about: the subscription's resource ID (EventGridEvent <c>subject</c>, CloudEvent <c>subject</c> or <c>source</c>).</param>
public sealed record LifecycleEvent(string EventType, string? Subject);
