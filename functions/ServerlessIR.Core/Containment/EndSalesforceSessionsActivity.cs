using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary><c>salesforce.end-sessions</c>: deletes the integration user's <c>AuthSession</c> records.</summary>
/// <remarks>
/// Runs at least once. Idempotent by nature: an ended session no longer appears in <c>AuthSession</c>, and deleting one that
/// is already gone answers <c>NOT_FOUND</c>, which counts as done. Irreversible: a session cannot be brought back.
/// </remarks>
[DurableTask(nameof(EndSalesforceSessionsActivity))]
public sealed class EndSalesforceSessionsActivity(ISalesforceClientFactory salesforce, IPlaybookProvider playbooks)
    : TaskActivity<ContainmentRequest, ContainmentOutcome>
{
    public override Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SalesforceTargets.GuardAsync(() => EndAsync(input));
    }

    private async Task<ContainmentOutcome> EndAsync(ContainmentRequest input)
    {
        var system = SalesforceTargets.System(playbooks, input);
        var client = SalesforceTargets.Client(salesforce, playbooks.Current, input, system);
        var userId = await SalesforceTargets.IntegrationUserIdAsync(client, system);
        var sessions = await client.QueryAsync($"SELECT Id, UsersId, SessionType FROM AuthSession WHERE UsersId = '{Soql.Escape(userId)}'");
        var ended = 0;
        var alreadyEnded = 0;
        foreach (var session in sessions)
        {
            if (await client.DeleteAsync("AuthSession", session.GetProperty("Id").GetString()!))
            {
                ended++;
            }
            else
            {
                alreadyEnded++;
            }
        }
        var user = SalesforceTargets.IntegrationUsername(system);
        return new ContainmentOutcome(input.Action, ended == 0 ? ContainmentStatus.AlreadyDone : ContainmentStatus.Succeeded,
            $"{ended} session(s) of {user} ended, {alreadyEnded} already ended",
            new JsonObject { ["user"] = user, ["activeSessions"] = sessions.Count },
            new JsonObject { ["ended"] = ended, ["alreadyEnded"] = alreadyEnded });
    }
}
