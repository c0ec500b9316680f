using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// <c>salesforce.remove-ai-permissions</c>: deletes the integration user's <c>PermissionSetAssignment</c>s of the permission
/// sets the playbook lists as its Einstein / Data Cloud access.
/// </summary>
/// <remarks>
/// Runs at least once. The first attempt records the assignments it found (write-once, keyed by the idempotency key), so the
/// compensation restores exactly those even when a retry finds some already removed; an assignment already gone is not
/// deleted again.
/// </remarks>
[DurableTask(nameof(RemoveSalesforceAiPermissionsActivity))]
public sealed class RemoveSalesforceAiPermissionsActivity(ISalesforceClientFactory salesforce, IPlaybookProvider playbooks, IContainmentRecords records)
    : TaskActivity<ContainmentRequest, ContainmentOutcome>
{
    public override Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SalesforceTargets.GuardAsync(() => RemoveAsync(input));
    }

    private async Task<ContainmentOutcome> RemoveAsync(ContainmentRequest input)
    {
        var system = SalesforceTargets.System(playbooks, input);
        var client = SalesforceTargets.Client(salesforce, playbooks.Current, input, system);
        var userId = await SalesforceTargets.IntegrationUserIdAsync(client, system);
        var current = await PermissionSetAssignments.ReadAsync(client, system, userId);
        var found = new JsonArray([.. current.Select(a => (JsonNode)new JsonObject
        {
            ["permissionSet"] = a.PermissionSetName, ["permissionSetId"] = a.PermissionSetId, ["assigneeId"] = userId,
        })]);
        var prior = await records.RememberOnceAsync(input.IdempotencyKey, new JsonObject { ["assignments"] = found });
        var removed = 0;
        foreach (var assignment in current)
        {
            if (await client.DeleteAsync("PermissionSetAssignment", assignment.Id))
            {
                removed++;
            }
        }
        var names = new JsonArray([.. prior["assignments"]!.AsArray().Select(a => (JsonNode?)JsonValue.Create((string?)a!["permissionSet"]))]);
        return new ContainmentOutcome(input.Action, removed == 0 ? ContainmentStatus.AlreadyDone : ContainmentStatus.Succeeded,
            $"{removed} AI permission set assignment(s) removed from {SalesforceTargets.IntegrationUsername(system)}",
            new JsonObject { ["permissionSets"] = names },
            new JsonObject { ["removed"] = removed, ["remaining"] = current.Count - removed },
            prior);
    }
}
