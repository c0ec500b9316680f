using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>Reads a user's <c>UserLogin</c> row, where Salesforce keeps the frozen flag.</summary>
internal static class UserLogins
{
    public static async Task<(string Id, bool IsFrozen)> ReadAsync(ISalesforceClient client, string userId)
    {
        var rows = await client.QueryAsync($"SELECT Id, UserId, IsFrozen FROM UserLogin WHERE UserId = '{Soql.Escape(userId)}'");
        if (rows.Count == 0)
        {
            throw new PermanentContainmentException($"User {userId} has no UserLogin row: cannot freeze.");
        }
        return (rows[0].GetProperty("Id").GetString()!, rows[0].GetProperty("IsFrozen").GetBoolean());
    }
}
