using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// How large one evidence record may be, and the bounding the orchestration applies before it appends one, so that a
/// record built from outside text (a 40,000-character alert summary, a hold reason) always fits in the ledger.
/// </summary>
/// <remarks>
/// The ledger refuses a payload over <see cref="MaxPayloadChars"/> (a Table string property holds 32K UTF-16 characters).
/// The orchestration bounds to <see cref="PayloadBudgetChars"/>, well under it, because the ledger sanitizes after the
/// bounding: an e-mail address becomes a pseudonym of about 24 characters, so sanitized text can be longer than the text
/// that was bounded. Pure and deterministic: safe to call in an orchestrator.
/// </remarks>
public static class EvidenceLimits
{
    /// <summary>The largest canonical payload the ledger stores.</summary>
    public const int MaxPayloadChars = 32_000;

    /// <summary>What the orchestration lets a payload grow to before the ledger sanitizes it.</summary>
    public const int PayloadBudgetChars = 20_000;

    /// <summary>The longest string value kept whole in a payload.</summary>
    public const int MaxStringChars = 2_000;

    /// <summary>The longest record summary (one line a person reads in a timeline).</summary>
    public const int MaxSummaryChars = 2_000;

    /// <summary>The longest actor (<c>source:</c>, <c>approver:</c>, <c>law-enforcement:</c> plus a name).</summary>
    public const int MaxActorChars = 256;

    /// <summary>What a sanitized e-mail address may grow by: a pseudonym is <c>psn:</c> and 20 characters.</summary>
    private const int PseudonymGrowthChars = 24;

    /// <summary>The entry with its actor, summary and payload bounded.</summary>
    public static EvidenceEntry Bound(EvidenceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry with
        {
            Actor = BoundedText.Truncate(entry.Actor, MaxActorChars),
            Summary = BoundedText.Truncate(entry.Summary, MaxSummaryChars),
            Payload = Bound(entry.Payload),
        };
    }

    /// <summary>
    /// A copy of <paramref name="payload"/> with every string over <see cref="MaxStringChars"/> truncated; when that is
    /// still over budget, a small stand-in that says so (its member names and size) instead of the payload.
    /// </summary>
    public static JsonObject? Bound(JsonObject? payload)
    {
        if (payload is null)
        {
            return null;
        }
        var bounded = (JsonObject)payload.DeepClone();
        BoundStrings(bounded);
        var size = Measure(bounded);
        if (size <= PayloadBudgetChars)
        {
            return bounded;
        }
        return new JsonObject
        {
            ["truncated"] = true,
            ["chars"] = size,
            ["members"] = new JsonArray([.. payload.Select(m => (JsonNode?)m.Key)]),
        };
    }

    /// <summary>An over-estimate of the canonical, sanitized length: compact JSON plus what pseudonyms may add.</summary>
    private static int Measure(JsonObject payload)
    {
        var json = payload.ToJsonString();
        return json.Length + (json.Count(c => c == '@') * PseudonymGrowthChars);
    }

    /// <summary>Truncates, in place, every string value under <paramref name="node"/> that is too long.</summary>
    private static void BoundStrings(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(m => m.Key).ToList())
                {
                    if (Bounded(obj[name]) is { } text)
                    {
                        obj[name] = text;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Bounded(array[i]) is { } text)
                    {
                        array[i] = text;
                    }
                }
                break;
        }
    }

    /// <summary>The truncated replacement of a string that is too long, or null (after bounding any children in place).</summary>
    private static JsonValue? Bounded(JsonNode? child)
    {
        if (child is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text.Length > MaxStringChars || HasSurrogate(text) ? JsonValue.Create(BoundedText.Truncate(text, MaxStringChars)) : null;
        }
        if (child is not null)
        {
            BoundStrings(child);
        }
        return null;
    }

    private static bool HasSurrogate(string text) => text.Any(char.IsSurrogate);
}
