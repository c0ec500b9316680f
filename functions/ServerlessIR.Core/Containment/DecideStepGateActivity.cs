using Microsoft.DurableTask;

namespace ServerlessIR.Core.Containment;

/// <summary>Asks <see cref="StepGate"/> whether a containment step runs on its own or waits for a person.</summary>
/// <remarks>
/// An activity, not orchestrator code: it reads the kill switch and the shared budget at the moment the step is about to run.
/// Runs at least once: the budget reservation is keyed by incident and step, so a repeated run takes no second slot.
/// </remarks>
[DurableTask(nameof(DecideStepGateActivity))]
public sealed class DecideStepGateActivity(StepGate gate) : TaskActivity<StepGateInput, StepGateDecision>
{
    public override Task<StepGateDecision> RunAsync(TaskActivityContext context, StepGateInput input) => gate.DecideAsync(input);
}
