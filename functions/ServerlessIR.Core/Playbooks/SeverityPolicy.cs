namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// How the ENISA level of a breach and the criticality of the AI system involved combine into SEV1-SEV4
/// (docs/severity.md). Rows are ENISA levels, columns are criticalities.
/// </summary>
public sealed record SeverityPolicy
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Matrix { get; init; } = DefaultMatrix;

    /// <summary>Criticality assumed when the breach names no AI system the playbook knows.</summary>
    public string DefaultCriticality { get; init; } = "standard";

    /// <summary>The lowest SEV an EU AI Act serious incident on a high-risk system gets, whatever the ENISA level.</summary>
    public string? SeriousIncidentMinimum { get; init; } = "SEV1";

    /// <summary>The built-in matrix, used when a playbook gives none.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> DefaultMatrix { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["very-high"] = Row("SEV1", "SEV1", "SEV1", "SEV2"),
            ["high"] = Row("SEV1", "SEV2", "SEV2", "SEV3"),
            ["medium"] = Row("SEV2", "SEV2", "SEV3", "SEV3"),
            ["low"] = Row("SEV3", "SEV3", "SEV4", "SEV4"),
        };

    /// <summary>The SEV for an ENISA level and a criticality; an unknown pair falls back to the default matrix, then SEV2.</summary>
    public string LevelFor(string enisaLevel, string criticality)
    {
        if (Matrix.TryGetValue(enisaLevel, out var row) && row.TryGetValue(criticality, out var level))
        {
            return level;
        }
        // A partial matrix in a playbook must not leave a breach without a level; SEV2 keeps people paged.
        return DefaultMatrix.TryGetValue(enisaLevel, out var fallback) && fallback.TryGetValue(criticality, out var l) ? l : "SEV2";
    }

    private static Dictionary<string, string> Row(string checkoutCritical, string businessCritical, string standard, string low) => new()
    {
        ["checkout-critical"] = checkoutCritical,
        ["business-critical"] = businessCritical,
        ["standard"] = standard,
        ["low"] = low,
    };
}
