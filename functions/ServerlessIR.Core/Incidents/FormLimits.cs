namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The one place that says how big each field a person (or a script) posts may be: the facts, law-enforcement hold and
/// false-positive bodies, and the approval and notice-review forms. docs/approvals.md shows the same table, and a test
/// holds the two together. Over a limit the request is refused with a 400 naming the field and the limit; nothing is
/// truncated, because each of these values ends up in the evidence as the person's own words.
/// </summary>
public static class FormLimits
{
    /// <summary>The largest body any form route reads; a larger one is answered 413 before it is parsed.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Free text a person types: a reason, a note, an approval's or a hold's reason.</summary>
    public const int FreeText = 2000;

    /// <summary>A name as given: who requested a hold (agency and officer), a regulator's reference number.</summary>
    public const int Name = 200;

    /// <summary>A code from a fixed list: a jurisdiction, a data category, a regime ID, a serious-incident kind, a decision.</summary>
    public const int Code = 64;

    /// <summary>Entries in any list (jurisdictions, data categories, a hold's regimes).</summary>
    public const int ListEntries = 50;

    /// <summary>The most people an amendment may name (above the world's population, so a real count always fits).</summary>
    public const long MaxSubjectCount = 10_000_000_000;

    /// <summary>
    /// The window every posted instant must fall in: deadlines are computed from them in days and business days, and a
    /// year-9999 instant would overflow that arithmetic inside a running incident.
    /// </summary>
    public static readonly DateTimeOffset EarliestInstant = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc cref="EarliestInstant"/>
    public static readonly DateTimeOffset LatestInstant = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Every bounded field, as the docs table (docs/approvals.md) lists it: the field (Markdown) and the start of its
    /// limit cell.
    /// </summary>
    public static IReadOnlyList<(string Field, string Limit)> Table { get; } =
    [
        ("facts: `note`", $"{FreeText} characters"),
        ("facts: `jurisdictions`, `dataCategories`", $"{ListEntries} entries of {Code} characters, each a known code"),
        ("facts: `seriousIncidentKind`", $"{Code} characters, one of the listed kinds"),
        ("facts: `subjectCount`", $"0 to {MaxSubjectCount}"),
        ("facts: `awareAt`, `causalLinkEstablishedAt`, `materialityDeterminedAt`", $"{EarliestInstant:yyyy-MM-dd} to {LatestInstant:yyyy-MM-dd}"),
        ("facts: `lawEnforcementHold.regimes`", $"{ListEntries} entries, each a regime ID"),
        ("facts: `lawEnforcementHold.requestedBy`", $"{Name} characters, one line"),
        ("facts: `lawEnforcementHold.reason`", $"{FreeText} characters"),
        ("false-positive: `reason`", $"{FreeText} characters"),
        ("approval form: `decision`", "`approve` or `reject`"),
        ("approval form: `reason`", $"{FreeText} characters"),
        ("notice form: `decision`", "`submitted`"),
        ("notice form: `reference`", $"{Name} characters, one line"),
        ("any body", $"{MaxBodyBytes / 1024} KiB"),
    ];
}
