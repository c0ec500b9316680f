using ServerlessIR.Core.Containment;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// The AI feature's fallback as the executive brief states it, from containment's record of <c>ai-feature.fallback</c>:
/// switched or not, and whether the fallback's health probe passed (the step holds rather than switch to a broken path).
/// </summary>
public static class FallbackState
{
    /// <summary>The containment action that switches the feature.</summary>
    public const string Action = "ai-feature.fallback";

    /// <summary>One sentence for <paramref name="results"/> (containment so far) and whether the step is in the plan.</summary>
    public static string Describe(IEnumerable<ContainmentSummary> results, bool planned)
    {
        ArgumentNullException.ThrowIfNull(results);
        var step = results.LastOrDefault(r => r.Action == Action);
        return step switch
        {
            { Undo: UndoStatus.Undone } => "Switched back to the model: the fallback was undone (false positive).",
            { Status: ContainmentStatus.Succeeded or ContainmentStatus.AlreadyDone } =>
                "Switched to its fallback; the fallback's health probe passed" + (step.Detail is { Length: > 0 } d ? $" ({d})." : "."),
            { Status: ContainmentStatus.Held } =>
                "Not switched: the step is held" + (step.Detail is { Length: > 0 } h ? $" ({h})" : "") + "; the feature still runs on its model.",
            { Status: ContainmentStatus.Rejected } => "Not switched: an approver rejected the switch; the feature still runs on its model.",
            { Status: ContainmentStatus.Failed } => "Not switched: the switch failed after its retries; the feature still runs on its model.",
            _ when planned => "Not switched yet: the switch is planned and has not run.",
            _ => "Not switched: containment at this severity does not include the fallback; the feature runs on its model.",
        };
    }
}
