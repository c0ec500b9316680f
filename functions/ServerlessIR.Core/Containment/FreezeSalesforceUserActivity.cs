using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary><c>salesforce.freeze-user</c>: sets <c>UserLogin.IsFrozen = true</c> for the AI system's integration user.</summary>
/// <remarks>
/// Runs at least once. The first attempt records whether the user was frozen before (write-once, keyed by the idempotency key),
/// so a retry that finds the user frozen answers <c>AlreadyDone</c> and still hands the compensation the true prior state.
/// An already frozen user is never PATCHed again.
/// </remarks>
[DurableTask(nameof(FreezeSalesforceUserActivity))]
public sealed class FreezeSalesforceUserActivity(ISalesforceClientFactory salesforce, IPlaybookProvider playbooks, IContainmentRecords records)
    : TaskActivity<ContainmentRequest, ContainmentOutcome>
{
    public override Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SalesforceTargets.GuardAsync(() => FreezeAsync(input));
    }

    private async Task<ContainmentOutcome> FreezeAsync(ContainmentRequest input)
    {
        var system = SalesforceTargets.System(playbooks, input);
        var client = SalesforceTargets.Client(salesforce, playbooks.Current, input, system);
        var userId = await SalesforceTargets.IntegrationUserIdAsync(client, system);
        var (loginId, frozen) = await UserLogins.ReadAsync(client, userId);
        var prior = await records.RememberOnceAsync(input.IdempotencyKey, new JsonObject { ["userLoginId"] = loginId, ["wasFrozen"] = frozen });
        var before = new JsonObject { ["user"] = SalesforceTargets.IntegrationUsername(system), ["isFrozen"] = (bool)prior["wasFrozen"]! };
        if (frozen)
        {
            return new ContainmentOutcome(input.Action, ContainmentStatus.AlreadyDone, $"{before["user"]} was already frozen",
                before, new JsonObject { ["isFrozen"] = true }, prior);
        }
        await client.UpdateAsync("UserLogin", loginId, new JsonObject { ["IsFrozen"] = true });
        return new ContainmentOutcome(input.Action, ContainmentStatus.Succeeded, $"{before["user"]} frozen", before, new JsonObject { ["isFrozen"] = true }, prior);
    }
}
