using System.Globalization;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// The one place for how much the edge takes: events per delivery, and the longest value of each kind of field read from
/// an incoming event (the table in docs/ingestion.md lists every field with its kind).
/// </summary>
/// <remarks>
/// An identifier over its limit (IDs, types, sources, user IDs, system names) rejects the event, with a reason naming the
/// field: cutting an identifier would make it name something else. Free text over its limit is cut, with a visible marker,
/// and the whole original stays in the restricted raw-alert store that the signal references. Free text is kept short
/// enough that no path can push it over the evidence ledger's 32,000-character payload or a Table string property
/// (32K UTF-16 characters), whatever else shares the record.
/// </remarks>
public static class IngestionLimits
{
    /// <summary>Events in one delivery: Event Grid's own maximum for a batch (<c>maxEventsPerBatch</c> 1..5,000).</summary>
    public const int MaxEventsPerDelivery = 5_000;

    /// <summary>Bytes in one delivery: Event Grid's limit for one delivery (and for one event in it).</summary>
    public const int MaxDeliveryBytes = 1024 * 1024;

    /// <summary>An event's <c>id</c>.</summary>
    public const int MaxEventIdChars = 256;

    /// <summary>An event's <c>type</c> (CloudEvents) or <c>eventType</c> (EventGridEvent).</summary>
    public const int MaxEventTypeChars = 256;

    /// <summary>An event's <c>source</c> (CloudEvents), <c>topic</c> or <c>subject</c> (EventGridEvent): URIs and resource IDs.</summary>
    public const int MaxSourceChars = 1_024;

    /// <summary>Identifiers inside <c>data</c>: org, AI system, principal and user IDs, user names, connected apps, IP addresses.</summary>
    public const int MaxIdentifierChars = 256;

    /// <summary>Short codes inside <c>data</c>: severities, signal types, monitor conditions.</summary>
    public const int MaxCodeChars = 64;

    /// <summary>Azure resource IDs inside <c>data</c> (Azure Monitor's <c>alertTargetIDs</c>).</summary>
    public const int MaxResourceIdChars = 1_024;

    /// <summary>Items of a list inside <c>data</c> (targets, jurisdictions, data categories).</summary>
    public const int MaxListItems = 100;

    /// <summary>Free text (summaries): cut beyond this, marker included.</summary>
    public const int MaxFreeTextChars = 2_000;

    /// <summary>Names people gave (alert rule names): free text, cut beyond this, marker included.</summary>
    public const int MaxNameChars = 256;

    /// <summary>A rejection's reason as stored and served.</summary>
    public const int MaxReasonChars = 1_000;

    /// <summary>The (minimised) copy of a rejected event kept in its table row; the whole copy goes to the raw store.</summary>
    public const int MaxRejectedRawChars = 4_000;

    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="max"/> characters, marker included, when it is longer:
    /// <c>… [truncated: 40000 chars; full text in raw store]</c>. A surrogate pair is never split.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="max">The most characters the result may have (at least 100, so the marker fits with some text).</param>
    /// <param name="whereFull">Where the whole text is kept, for the marker.</param>
    public static string Truncate(string text, int max, string whereFull = "raw store")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 100);
        if (text.Length <= max)
        {
            return text;
        }
        var marker = string.Create(CultureInfo.InvariantCulture, $"… [truncated: {text.Length} chars; full text in {whereFull}]");
        var keep = Math.Max(0, max - marker.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }
        var cut = text[..keep] + marker;
        return cut.Length <= max ? cut : cut[..max];
    }

    /// <summary>
    /// <paramref name="value"/> when it is within <paramref name="max"/> characters; otherwise the event is rejected with a
    /// reason naming <paramref name="field"/>.
    /// </summary>
    /// <exception cref="SignalRejectedException">The value is longer than <paramref name="max"/>.</exception>
    public static string? Identifier(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            throw new SignalRejectedException(TooLong(field, value.Length, max));
        }
        return value;
    }

    /// <summary>The reason for an identifier over its limit.</summary>
    public static string TooLong(string field, int length, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{field} is {length} characters long; the limit is {max}.");
}
