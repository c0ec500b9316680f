using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// What a webhook body holds: a validation handshake, events, events rejected one by one, Event Grid lifecycle events
/// to acknowledge, or an error for the whole body (<see cref="Error"/>, or more events than a delivery may hold).
/// </summary>
public sealed record DeliveryParseResult(
    string? ValidationCode,
    IReadOnlyList<IncomingEvent> Events,
    IReadOnlyList<RejectedEvent> Rejected,
    string? Error)
{
    /// <summary>Event Grid's own lifecycle events (a subscription deleted): acknowledged and logged, neither used nor rejected.</summary>
    public IReadOnlyList<LifecycleEvent> Lifecycle { get; init; } = [];

    /// <summary>The validation event's <c>topic</c> (the topic's resource ID), to compare with the configured topic.</summary>
    public string? ValidationTopic { get; init; }

    /// <summary>The validation event's <c>validationUrl</c>, whose path names the subscription (<c>eventsubscriptions/{name}/validate</c>).</summary>
    public string? ValidationUrl { get; init; }

    /// <summary>How many events the body holds when that is more than <see cref="IngestionLimits.MaxEventsPerDelivery"/>; else null.</summary>
    public int? TooManyEvents { get; init; }

    /// <summary>Escaped lone UTF-16 surrogates replaced by U+FFFD before reading (<see cref="JsonSurrogateRepair"/>).</summary>
    public int RepairedSurrogates { get; init; }

    /// <summary>Whether ill-formed UTF-8 bytes were replaced by U+FFFD before reading.</summary>
    public bool RepairedUtf8 { get; init; }

    /// <summary>Events in the body, whatever became of them.</summary>
    public int Received => Events.Count + Rejected.Count + Lifecycle.Count + (ValidationCode is null ? 0 : 1);

    public static DeliveryParseResult Invalid(string error) => new(null, [], [], error);
}
