using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// <c>salesforce.revoke-oauth-tokens</c>: finds the implicated connected app's tokens (<c>OauthToken</c>) and revokes each
/// through <c>/services/oauth2/revoke</c>.
/// </summary>
/// <remarks>
/// Runs at least once. Idempotent by nature: a revoked token no longer appears in <c>OauthToken</c>, and one that Salesforce
/// already revoked answers <c>invalid_token</c>, which counts as done. Token values never leave this method.
/// </remarks>
[DurableTask(nameof(RevokeSalesforceOAuthTokensActivity))]
public sealed class RevokeSalesforceOAuthTokensActivity(ISalesforceClientFactory salesforce, IPlaybookProvider playbooks)
    : TaskActivity<ContainmentRequest, ContainmentOutcome>
{
    public override async Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await RevokeAsync(input);
        }
        catch (SalesforceApiException ex) when (!ex.IsTransient)
        {
            throw new PermanentContainmentException(ex.Message, ex);
        }
    }

    private async Task<ContainmentOutcome> RevokeAsync(ContainmentRequest input)
    {
        var system = playbooks.Current.FindAiSystem(input.AiSystemId)
            ?? throw new PermanentContainmentException($"No AI system '{input.AiSystemId}' in the playbook: cannot tell whose tokens to revoke.");
        var app = system.Integration?.ConnectedApp
            ?? throw new PermanentContainmentException($"AI system '{system.Id}' names no connected app in the playbook.");
        var client = salesforce.ForOrg(SalesforceTargets.OrgId(playbooks.Current, input, system));

        var tokens = await client.QueryAsync(
            $"SELECT Id, AppName, UserId, DeleteToken, UseCount FROM OauthToken WHERE AppName = '{Soql.Escape(app)}'");
        var before = new JsonObject { ["connectedApp"] = app, ["activeTokens"] = tokens.Count };
        var revoked = 0;
        var alreadyRevoked = 0;
        foreach (var token in tokens)
        {
            var value = token.TryGetProperty("DeleteToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            if (await client.RevokeTokenAsync(value))
            {
                revoked++;
            }
            else
            {
                alreadyRevoked++;
            }
        }
        var remaining = await client.QueryAsync($"SELECT Id FROM OauthToken WHERE AppName = '{Soql.Escape(app)}'");
        var after = new JsonObject { ["revoked"] = revoked, ["alreadyRevoked"] = alreadyRevoked, ["activeTokens"] = remaining.Count };
        var status = revoked == 0 ? ContainmentStatus.AlreadyDone : ContainmentStatus.Succeeded;
        return new ContainmentOutcome(input.Action, status,
            $"{revoked} token(s) of '{app}' revoked, {alreadyRevoked} already revoked, {remaining.Count} left", before, after);
    }
}
