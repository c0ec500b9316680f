using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Containment;

/// <summary>Undoes <c>ai-feature.fallback</c>: switches the AI feature back to the mode it was in before containment.</summary>
/// <remarks>Runs at least once; a feature already in that mode is left alone.</remarks>
[DurableTask(nameof(SwitchAiFeatureToPrimaryActivity))]
public sealed class SwitchAiFeatureToPrimaryActivity(IPlaybookProvider playbooks, IAiFeatureSwitch features)
    : TaskActivity<ContainmentCompensation, ContainmentOutcome>
{
    public override async Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentCompensation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var original = input.Original;
        var system = SalesforceTargets.System(playbooks, original);
        var target = (string?)input.Undo?["priorMode"] ?? system.Fallback?.PrimaryMode ?? "primary";
        var mode = await features.GetModeAsync(system);
        if (mode == target)
        {
            return new ContainmentOutcome(original.Action, ContainmentStatus.AlreadyDone, $"{system.Id} already in {target}");
        }
        await features.SetModeAsync(system, target, input.IdempotencyKey);
        return new ContainmentOutcome(original.Action, ContainmentStatus.Succeeded, $"{system.Id} switched back from {mode} to {target}",
            new JsonObject { ["mode"] = mode }, new JsonObject { ["mode"] = target });
    }
}
