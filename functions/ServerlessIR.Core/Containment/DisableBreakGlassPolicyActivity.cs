using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>Undoes <c>salesforce.enable-break-glass-policy</c>: puts the policy back in its prior state (switched off).</summary>
/// <remarks>Runs at least once; a policy already in its prior state is left alone.</remarks>
[DurableTask(nameof(DisableBreakGlassPolicyActivity))]
public sealed class DisableBreakGlassPolicyActivity(ISalesforceClientFactory salesforce, IPlaybookProvider playbooks)
    : TaskActivity<ContainmentCompensation, ContainmentOutcome>
{
    public override Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentCompensation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SalesforceTargets.GuardAsync(() => DisableAsync(input));
    }

    private async Task<ContainmentOutcome> DisableAsync(ContainmentCompensation input)
    {
        var original = input.Original;
        var target = (string?)input.Undo?["priorState"] ?? BreakGlassPolicy.Disabled;
        var system = SalesforceTargets.System(playbooks, original);
        var client = SalesforceTargets.Client(salesforce, playbooks.Current, original, system);
        var (policy, id, state) = await BreakGlassPolicy.ReadAsync(client, playbooks.Current, SalesforceTargets.OrgId(playbooks.Current, original, system));
        if (state == target)
        {
            return new ContainmentOutcome(original.Action, ContainmentStatus.AlreadyDone, $"policy {policy} is already {target}");
        }
        await client.UpdateAsync("TransactionSecurityPolicy", id, new JsonObject { ["State"] = target });
        return new ContainmentOutcome(original.Action, ContainmentStatus.Succeeded, $"policy {policy} back to {target}",
            new JsonObject { ["state"] = state }, new JsonObject { ["state"] = target });
    }
}
