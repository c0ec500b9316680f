namespace ServerlessIR.Core.Assessment;

/// <summary>One duty to notify one recipient under one regime, with its deadline (null when "without undue delay").</summary>
public sealed record Obligation
{
    public required string Regime { get; init; }
    public required string Recipient { get; init; }
    public required DateTimeOffset ClockStart { get; init; }
    public DateTimeOffset? Deadline { get; init; }

    /// <summary><c>fixed</c> or <c>without-undue-delay</c>.</summary>
    public required string DeadlineKind { get; init; }

    public required string TimeZone { get; init; }
    public required string Source { get; init; }

    /// <summary>
    /// What kind of recipient this is: <c>supervisory-authority</c>, <c>data-subjects</c>, <c>csirt</c>,
    /// <c>market-surveillance-authority</c>, <c>financial-authority</c>, <c>securities-regulator</c>,
    /// <c>attorney-general</c>, <c>media</c>, <c>acquirer</c>, <c>card-brands</c>.
    /// </summary>
    public string RecipientKind { get; init; } = "";

    /// <summary>
    /// The deadline EU Regulation 1182/71 Art. 3(4) would give when the period ends on a weekend or holiday. Information
    /// only: <see cref="Deadline"/> stays binding (docs/regimes.md).
    /// </summary>
    public DateTimeOffset? ExtendedDeadline { get; init; }

    /// <summary>The rule is marked <em>verify</em> (docs/regulatory-sources.md) or its applicability is unsettled: show it as such.</summary>
    public bool Verify { get; init; }

    /// <summary>Why the obligation applies, what it needs, and any caveat about its clock.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The catalog rule (<see cref="RegimeRule.Key"/>) the obligation was built from, for its source and effective dates.</summary>
    public string? RuleKey { get; init; }

    /// <summary>
    /// The last instant a submission is still dated on time where the recipient's filing system dates late-evening
    /// submissions as of the next business day (EDGAR after 17:30 ET, 17 CFR 232.13(a)(2)); earlier than <see cref="Deadline"/>,
    /// which stays the legal end of the period. Null where no such cut-off is known.
    /// </summary>
    public DateTimeOffset? SubmissionCutoff { get; init; }

    /// <summary>How <see cref="Deadline"/> was counted (<see cref="DeadlineCalculator.Trace"/>), including any later adjustment.</summary>
    public IReadOnlyList<CountingStep> Counting { get; init; } = [];
}
