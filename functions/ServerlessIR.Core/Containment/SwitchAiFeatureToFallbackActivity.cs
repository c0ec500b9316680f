using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// <c>ai-feature.fallback</c>: moves the AI feature to its fallback mode (for checkout fraud scoring: rules-based scoring)
/// through the owning service's signed switch, but only after its health probe shows the fallback path works.
/// </summary>
/// <remarks>
/// Runs at least once. If the probe fails the step holds and escalates (a permanent failure) rather than break checkout.
/// The first attempt records the prior mode (write-once); a feature already in fallback is not switched again.
/// </remarks>
[DurableTask(nameof(SwitchAiFeatureToFallbackActivity))]
public sealed class SwitchAiFeatureToFallbackActivity(IPlaybookProvider playbooks, IAiFeatureSwitch features, IContainmentRecords records)
    : TaskActivity<ContainmentRequest, ContainmentOutcome>
{
    public override async Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SalesforceTargets.RefuseOutsideSalesforceInExercise(input, "the production AI feature customers use");
        var system = SalesforceTargets.System(playbooks, input);
        var fallback = system.Fallback
            ?? throw new PermanentContainmentException($"AI system '{system.Id}' has no fallback in the playbook.");
        var mode = await features.GetModeAsync(system);
        var prior = await records.RememberOnceAsync(input.IdempotencyKey, new JsonObject { ["priorMode"] = mode });
        var before = new JsonObject { ["mode"] = (string?)prior["priorMode"] };
        if (mode == fallback.Mode)
        {
            return new ContainmentOutcome(input.Action, ContainmentStatus.AlreadyDone, $"{system.Id} already in {fallback.Mode}", before, new JsonObject { ["mode"] = mode }, prior);
        }
        if (!await features.ProbeFallbackAsync(system))
        {
            throw new ContainmentHeldException(
                $"Held: the health probe of {system.Id}'s fallback '{fallback.Mode}' failed; the feature stays in '{mode}' so checkout keeps working. A person must decide.");
        }
        await features.SetModeAsync(system, fallback.Mode, input.IdempotencyKey);
        return new ContainmentOutcome(input.Action, ContainmentStatus.Succeeded, $"{system.Id} switched from {mode} to {fallback.Mode}", before,
            new JsonObject { ["mode"] = fallback.Mode, ["probe"] = "healthy" }, prior);
    }
}
