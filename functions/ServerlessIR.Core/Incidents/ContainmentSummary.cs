using System.Text.Json.Serialization;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Core.Incidents;

/// <summary>One containment step's result.</summary>
public sealed record ContainmentSummary(string Action, ContainmentStatus Status, int Attempts, string? Detail = null)
{
    /// <summary>What the step gate decided before the step, and why (<see cref="StepGateDecision.Summary"/>).</summary>
    public string? Gate { get; init; }

    /// <summary>Set after a false positive: what became of the step.</summary>
    public UndoStatus? Undo { get; init; }

    /// <summary>The step took effect (or was already in effect): it counts as done.</summary>
    [JsonIgnore]
    public bool Done => Status is ContainmentStatus.Succeeded or ContainmentStatus.AlreadyDone;
}
