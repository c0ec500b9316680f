using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>Finds the org's pre-staged break-glass <c>TransactionSecurityPolicy</c> and its <c>State</c>.</summary>
internal static class BreakGlassPolicy
{
    public const string Enabled = "Enabled";
    public const string Disabled = "Disabled";

    public static async Task<(string Name, string Id, string State)> ReadAsync(ISalesforceClient client, Playbook playbook, string orgId)
    {
        var name = (playbook.FindOrg(orgId) ?? playbook.Exercise.FindOrg(orgId))?.BreakGlassPolicy
            ?? throw new PermanentContainmentException($"Org '{orgId}' names no breakGlassPolicy in the playbook.");
        var rows = await client.QueryAsync($"SELECT Id, DeveloperName, State FROM TransactionSecurityPolicy WHERE DeveloperName = '{Soql.Escape(name)}'");
        return rows.Count == 0
            ? throw new PermanentContainmentException($"Transaction Security Policy '{name}' is not staged in org '{orgId}'.")
            : (name, rows[0].GetProperty("Id").GetString()!, rows[0].GetProperty("State").GetString()!);
    }
}
