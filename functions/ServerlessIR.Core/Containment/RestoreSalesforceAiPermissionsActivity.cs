using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>Undoes <c>salesforce.remove-ai-permissions</c>: assigns the same permission sets again.</summary>
/// <remarks>Runs at least once; an assignment that exists again answers <c>DUPLICATE_VALUE</c> or is found first, and counts as done.</remarks>
[DurableTask(nameof(RestoreSalesforceAiPermissionsActivity))]
public sealed class RestoreSalesforceAiPermissionsActivity(ISalesforceClientFactory salesforce, IPlaybookProvider playbooks)
    : TaskActivity<ContainmentCompensation, ContainmentOutcome>
{
    public override Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentCompensation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SalesforceTargets.GuardAsync(() => RestoreAsync(input));
    }

    private async Task<ContainmentOutcome> RestoreAsync(ContainmentCompensation input)
    {
        var original = input.Original;
        var wanted = input.Undo?["assignments"]?.AsArray() ?? [];
        if (wanted.Count == 0)
        {
            return new ContainmentOutcome(original.Action, ContainmentStatus.AlreadyDone, "no assignments were removed");
        }
        var system = SalesforceTargets.System(playbooks, original);
        var client = SalesforceTargets.Client(salesforce, playbooks.Current, original, system);
        var userId = await SalesforceTargets.IntegrationUserIdAsync(client, system);
        var present = (await PermissionSetAssignments.ReadAsync(client, system, userId)).Select(a => a.PermissionSetId).ToHashSet(StringComparer.Ordinal);
        var restored = 0;
        foreach (var assignment in wanted)
        {
            var permissionSetId = (string)assignment!["permissionSetId"]!;
            if (present.Contains(permissionSetId))
            {
                continue;
            }
            if (await client.CreateAsync("PermissionSetAssignment", new JsonObject { ["AssigneeId"] = userId, ["PermissionSetId"] = permissionSetId }) is not null)
            {
                restored++;
            }
        }
        return new ContainmentOutcome(original.Action, restored == 0 ? ContainmentStatus.AlreadyDone : ContainmentStatus.Succeeded,
            $"{restored} AI permission set assignment(s) restored to {SalesforceTargets.IntegrationUsername(system)}",
            new JsonObject { ["present"] = present.Count }, new JsonObject { ["restored"] = restored });
    }
}
