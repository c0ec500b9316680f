using Microsoft.DurableTask;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// Asks <see cref="StepGate"/> about every step of a containment wave in one activity (revision 3 on; before it, one
/// <see cref="DecideStepGateActivity"/> per step). The decisions come back in the order of the inputs.
/// </summary>
/// <remarks>
/// Each step is decided as its own activity would have decided it, one after another, at the moment the wave is about to
/// run. Runs at least once: each budget reservation is keyed by incident and step, so a repeated run takes no second slot.
/// </remarks>
[DurableTask(nameof(DecideStepGatesActivity))]
public sealed class DecideStepGatesActivity(StepGate gate) : TaskActivity<IReadOnlyList<StepGateInput>, IReadOnlyList<StepGateDecision>>
{
    public override async Task<IReadOnlyList<StepGateDecision>> RunAsync(TaskActivityContext context, IReadOnlyList<StepGateInput> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var decisions = new List<StepGateDecision>(input.Count);
        foreach (var step in input)
        {
            decisions.Add(await gate.DecideAsync(step));
        }
        return decisions;
    }
}
