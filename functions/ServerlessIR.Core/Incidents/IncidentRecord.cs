using System.Text.Json;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The incident record as stored (one Table row the API and console read): the summary cut until it fits well under
/// Table Storage's limits (64 KiB, 32K UTF-16 characters, per string property; 1 MiB per entity) however many signals,
/// messages and timeline entries the incident has. The evidence ledger keeps everything; the record keeps counts and the
/// latest of each list.
/// </summary>
/// <remarks>Pure and deterministic: the orchestration fits the record before it publishes, so the durable history holds the small one too.</remarks>
public static class IncidentRecord
{
    /// <summary>The largest serialized record (JSON, web defaults): under a Table string property's 32K characters.</summary>
    public const int MaxChars = 30_000;

    /// <summary>Timeline entries the record carries at most; the evidence ledger holds them all.</summary>
    public const int TimelineEntries = 50;

    /// <summary>Messages and approvals the record carries at most (the latest).</summary>
    public const int ListEntries = 50;

    /// <summary>The serialized size of <paramref name="summary"/>, as the store writes it.</summary>
    public static int Measure(IncidentSummary summary) => Serialize(summary).Length;

    /// <summary><paramref name="summary"/> as the store writes it (JSON, web defaults).</summary>
    public static string Serialize(IncidentSummary summary) => JsonSerializer.Serialize(summary, JsonSerializerOptions.Web);

    /// <summary>
    /// How much longer a record gets when the journal sets its evidence count and head (a 19-digit count and a SHA-256 head
    /// in place of none, with room to spare): a record this far under <see cref="MaxChars"/> needs no fitting again.
    /// </summary>
    public const int HeadRoom = 200;

    /// <summary>
    /// <paramref name="record"/> naming the last of <paramref name="heads"/>, the hashes of the entries a journal appended from
    /// sequence <paramref name="firstSequence"/> on; <paramref name="record"/> itself when it appended none.
    /// </summary>
    public static IncidentSummary WithHeads(IncidentSummary record, long firstSequence, IReadOnlyList<string> heads) =>
        heads.Count == 0 ? record : record with { EvidenceRecords = firstSequence + heads.Count - 1, EvidenceHead = heads[^1] };

    /// <summary>
    /// <paramref name="summary"/> cut, step by step, until it serializes to at most <paramref name="maxChars"/>: first the
    /// latest <see cref="TimelineEntries"/> timeline entries and <see cref="ListEntries"/> messages and approvals, then
    /// fewer, then none; counts (<see cref="IncidentSummary.TimelineCount"/>, signals, evidence records) always stay.
    /// </summary>
    public static IncidentSummary Fit(IncidentSummary summary, int maxChars = MaxChars) => Fit(summary, out string? _, maxChars);

    /// <summary>
    /// <see cref="Fit(IncidentSummary, int)"/>, and the fitted record serialized as the store writes it in
    /// <paramref name="json"/> (null when the last resort cut it and it was not serialized): the serialization that measured
    /// it, so a caller that needs the text does not serialize the record again.
    /// </summary>
    public static IncidentSummary Fit(IncidentSummary summary, out string? json, int maxChars = MaxChars)
    {
        ArgumentNullException.ThrowIfNull(summary);
        IncidentSummary fitted = summary;
        json = null;
        foreach (var (timeline, lists) in Steps)
        {
            fitted = summary with
            {
                Timeline = Latest(summary.Timeline, timeline),
                Notifications = Latest(summary.Notifications, lists),
                Approvals = Latest(summary.Approvals, lists),
                SignalIds = Latest(summary.SignalIds, lists),
                TimelineCount = summary.TimelineCount,
            };
            var serialized = Serialize(fitted);
            if (serialized.Length <= maxChars)
            {
                json = serialized;
                return fitted;
            }
        }
        // Last resort: obligations without their checkpoint lists and with short status lines (a hold's reason is in
        // each one); the evidence and the report hold them whole.
        return fitted with
        {
            Obligations = [.. fitted.Obligations.Select(o => o with
            {
                Checkpoints = [],
                StatusReason = BoundedText.TruncateOptional(o.StatusReason, ShortTextChars),
                Hold = o.Hold is { } hold ? hold with { Reason = BoundedText.Truncate(hold.Reason, ShortTextChars) } : null,
            })],
        };
    }

    /// <summary>The length free text in an obligation is cut to when nothing else is left to cut.</summary>
    private const int ShortTextChars = 200;

    private static readonly (int Timeline, int Lists)[] Steps = [(TimelineEntries, ListEntries), (20, 20), (5, 5), (0, 0)];

    private static IReadOnlyList<T> Latest<T>(IReadOnlyList<T> items, int count) =>
        items.Count <= count ? items : [.. items.Skip(items.Count - count)];
}
