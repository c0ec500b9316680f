namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// Who approves disruptive steps, in which order, and what happens when nobody answers: after the last tier times out,
/// <see cref="DefaultAfterLastTier"/> gives per severity <c>proceed</c> or <c>hold</c> (an unlisted severity holds).
/// </summary>
public sealed record ApprovalPolicy
{
    public IReadOnlyList<ApprovalTier> Tiers { get; init; } = [];

    /// <summary>
    /// An Entra app role (the <c>roles</c> claim) whose holders may request and second undo, holds and awareness moves, as
    /// the listed people may. Null: only the listed people (by object ID).
    /// </summary>
    public string? AppRole { get; init; }

    public IReadOnlyDictionary<string, string> DefaultAfterLastTier { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["SEV1"] = "proceed" };

    /// <summary>The tier with this name, or null.</summary>
    public ApprovalTier? FindTier(string? name) => name is null ? null : Tiers.FirstOrDefault(t => t.Name == name);

    /// <summary>Whether a step whose every tier timed out goes ahead at this severity. Holding is the safe default.</summary>
    public bool ProceedsAfterLastTier(string severity) =>
        DefaultAfterLastTier.TryGetValue(severity, out var outcome) && outcome == "proceed";
}
