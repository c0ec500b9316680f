using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>Undoes <c>salesforce.freeze-user</c>: unfreezes the user, unless the user was frozen before we acted.</summary>
/// <remarks>Runs at least once; unfreezing an unfrozen user is success without a call.</remarks>
[DurableTask(nameof(UnfreezeSalesforceUserActivity))]
public sealed class UnfreezeSalesforceUserActivity(ISalesforceClientFactory salesforce, IPlaybookProvider playbooks)
    : TaskActivity<ContainmentCompensation, ContainmentOutcome>
{
    public override Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentCompensation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SalesforceTargets.GuardAsync(() => UnfreezeAsync(input));
    }

    private async Task<ContainmentOutcome> UnfreezeAsync(ContainmentCompensation input)
    {
        var original = input.Original;
        if (input.Undo?["wasFrozen"]?.GetValue<bool>() == true)
        {
            return new ContainmentOutcome(original.Action, ContainmentStatus.AlreadyDone, "the user was frozen before containment; left frozen");
        }
        var system = SalesforceTargets.System(playbooks, original);
        var client = SalesforceTargets.Client(salesforce, playbooks.Current, original, system);
        var userId = await SalesforceTargets.IntegrationUserIdAsync(client, system);
        var (loginId, frozen) = await UserLogins.ReadAsync(client, userId);
        if (!frozen)
        {
            return new ContainmentOutcome(original.Action, ContainmentStatus.AlreadyDone, "the user is not frozen",
                new JsonObject { ["isFrozen"] = false }, new JsonObject { ["isFrozen"] = false });
        }
        await client.UpdateAsync("UserLogin", loginId, new JsonObject { ["IsFrozen"] = false });
        return new ContainmentOutcome(original.Action, ContainmentStatus.Succeeded, $"{SalesforceTargets.IntegrationUsername(system)} unfrozen",
            new JsonObject { ["isFrozen"] = true }, new JsonObject { ["isFrozen"] = false });
    }
}
