using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>The integration user's assignments of the AI permission sets the playbook lists for its system.</summary>
internal static class PermissionSetAssignments
{
    public sealed record Assignment(string Id, string PermissionSetId, string PermissionSetName);

    public static async Task<IReadOnlyList<Assignment>> ReadAsync(ISalesforceClient client, AiSystem system, string userId)
    {
        var names = system.Integration?.AiPermissionSets ?? [];
        if (names.Count == 0)
        {
            throw new PermanentContainmentException($"AI system '{system.Id}' lists no AI permission sets in the playbook.");
        }
        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            foreach (var set in await client.QueryAsync($"SELECT Id, Name FROM PermissionSet WHERE Name = '{Soql.Escape(name)}'"))
            {
                sets[set.GetProperty("Id").GetString()!] = name;
            }
        }
        var assignments = await client.QueryAsync($"SELECT Id, AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '{Soql.Escape(userId)}'");
        return
        [
            .. assignments
                .Select(a => (Id: a.GetProperty("Id").GetString()!, SetId: a.GetProperty("PermissionSetId").GetString()!))
                .Where(a => sets.ContainsKey(a.SetId))
                .Select(a => new Assignment(a.Id, a.SetId, sets[a.SetId])),
        ];
    }
}
