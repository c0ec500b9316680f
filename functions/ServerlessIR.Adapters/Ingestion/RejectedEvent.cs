using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>An event that could not be used, kept with its reason so nothing is lost silently.</summary>
/// <param name="EventId">The event's <c>id</c>, when it had a readable one.</param>
/// <param name="EventType">The event's type, when it had a readable one.</param>
/// <param name="Reason">Why it was rejected, naming the field.</param>
/// <param name="Raw">The event as delivered; stored minimised (<see cref="RawPayloadPolicy"/>) and bounded.</param>
/// <param name="RejectedAt">When it was first rejected.</param>
public sealed record RejectedEvent(string? EventId, string? EventType, string Reason, string Raw, DateTimeOffset RejectedAt)
{
    /// <summary>The event's source (CloudEvent <c>source</c>, EventGridEvent <c>topic</c>/<c>subject</c>), when readable.</summary>
    public string? Source { get; init; }

    /// <summary>Where the whole minimised copy is, in the restricted raw store, when <see cref="Raw"/> was cut to fit the table.</summary>
    public string? RawRef { get; init; }

    /// <summary>Whether <see cref="Raw"/> was cut.</summary>
    public bool Truncated { get; init; }

    /// <summary>
    /// What makes a redelivery the same rejection: the event's deduplication key (as <see cref="IncomingEvent.DedupeKey"/>)
    /// when it has an ID and a source, else a hash of the event as delivered.
    /// </summary>
    public string Key => !string.IsNullOrEmpty(EventId) && !string.IsNullOrEmpty(Source)
        ? Hashing.Sha256Hex(Source + "\n" + EventId)[..32]
        : "raw-" + Hashing.Sha256Hex(Raw)[..32];
}
