using System.Text.Json;

namespace ServerlessIR.Core.Ingestion;

/// <summary>One event of an Event Grid delivery, whichever schema it came in (EventGridEvent or CloudEvents 1.0).</summary>
/// <param name="Id">The event's ID (EventGridEvent <c>id</c>, CloudEvent <c>id</c>).</param>
/// <param name="Source">CloudEvent <c>source</c>, or EventGridEvent <c>topic</c> + <c>subject</c>.</param>
/// <param name="Type">CloudEvent <c>type</c> or EventGridEvent <c>eventType</c>.</param>
/// <param name="Time">When the event happened, as the envelope says.</param>
/// <param name="Data">The event's data.</param>
/// <param name="Raw">The whole event as delivered, kept once in the restricted store.</param>
public sealed record IncomingEvent(string Id, string Source, string Type, DateTimeOffset? Time, JsonElement Data, string Raw)
{
    // The webhook reads the key several times per event (dedupe, claims, signal ID, payload reference): it is computed once,
    // and again whenever a `with` changes what it is made of, so it always matches Source and Id.
    private string dedupeKey = KeyOf(Source, Id);

    public string Id
    {
        get;
        init
        {
            field = value;
            dedupeKey = KeyOf(Source, value);
        }
    } = Id;

    public string Source
    {
        get;
        init
        {
            field = value;
            dedupeKey = KeyOf(value, Id);
        }
    } = Source;

    /// <summary>The deduplication key: the same delivery twice (Event Grid delivers at least once) has the same key.</summary>
    public string DedupeKey => dedupeKey;

    private static string KeyOf(string source, string id) => Hashing.Sha256HexPrefix(source + "\n" + id, 32);
}
