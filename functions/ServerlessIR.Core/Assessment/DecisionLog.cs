namespace ServerlessIR.Core.Assessment;

/// <summary>
/// What the assessor decided per regime: free-text rationale lines (older regimes) and structured
/// <see cref="RegimeDecision"/>s, whose reasons also go to the rationale so <c>severity.rationale</c> stays complete.
/// </summary>
internal sealed class DecisionLog
{
    private readonly List<string> _lines = [];
    private readonly List<RegimeDecision> _decisions = [];

    /// <summary>Rationale lines in the order decided.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The structured decisions in the order decided.</summary>
    public IReadOnlyList<RegimeDecision> Decisions => _decisions;

    /// <summary>Adds a rationale line that belongs to no structured decision.</summary>
    public void Add(string line) => _lines.Add(line);

    /// <summary>Adds a structured decision and its reasons as rationale lines.</summary>
    public void Add(RegimeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _decisions.Add(decision);
        _lines.AddRange(decision.Reasons);
    }

    /// <summary>Adds a structured decision built from its parts.</summary>
    public void Add(string regime, bool applies, string source, params string[] reasons) =>
        Add(new RegimeDecision(regime, applies, reasons, source));
}
