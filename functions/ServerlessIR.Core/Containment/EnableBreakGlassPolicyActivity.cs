using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary><c>salesforce.enable-break-glass-policy</c>: switches the org's pre-staged Transaction Security Policy to <c>Enabled</c>.</summary>
/// <remarks>
/// Runs at least once. The first attempt records the policy's prior state (write-once); an enabled policy is not PATCHed again.
/// </remarks>
[DurableTask(nameof(EnableBreakGlassPolicyActivity))]
public sealed class EnableBreakGlassPolicyActivity(ISalesforceClientFactory salesforce, IPlaybookProvider playbooks, IContainmentRecords records)
    : TaskActivity<ContainmentRequest, ContainmentOutcome>
{
    public override Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SalesforceTargets.GuardAsync(() => EnableAsync(input));
    }

    private async Task<ContainmentOutcome> EnableAsync(ContainmentRequest input)
    {
        var system = SalesforceTargets.System(playbooks, input);
        var client = SalesforceTargets.Client(salesforce, playbooks.Current, input, system);
        var (policy, id, state) = await BreakGlassPolicy.ReadAsync(client, playbooks.Current, SalesforceTargets.OrgId(playbooks.Current, input, system));
        var prior = await records.RememberOnceAsync(input.IdempotencyKey, new JsonObject { ["policy"] = policy, ["policyId"] = id, ["priorState"] = state });
        var before = new JsonObject { ["policy"] = policy, ["state"] = (string?)prior["priorState"] };
        if (state == BreakGlassPolicy.Enabled)
        {
            return new ContainmentOutcome(input.Action, ContainmentStatus.AlreadyDone, $"policy {policy} was already enabled", before, new JsonObject { ["state"] = state }, prior);
        }
        await client.UpdateAsync("TransactionSecurityPolicy", id, new JsonObject { ["State"] = BreakGlassPolicy.Enabled });
        return new ContainmentOutcome(input.Action, ContainmentStatus.Succeeded, $"policy {policy} enabled", before, new JsonObject { ["state"] = BreakGlassPolicy.Enabled }, prior);
    }
}
