using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Salesforce;

/// <summary>The Salesforce REST calls containment and the event-store relay need, for one org.</summary>
/// <remarks>
/// Failures surface as <see cref="SalesforceApiException"/> classified transient or permanent. "Already done" answers
/// (a record already deleted, an assignment already present) are not failures: the methods say so in their result.
/// </remarks>
public interface ISalesforceClient
{
    /// <summary>Runs a SOQL query and returns its records (all pages).</summary>
    Task<IReadOnlyList<JsonElement>> QueryAsync(string soql, CancellationToken cancellationToken = default);

    /// <summary>Revokes an access or refresh token. Returns false when Salesforce says the token is no longer valid (already revoked).</summary>
    Task<bool> RevokeTokenAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>PATCHes fields of one sObject record (e.g. <c>UserLogin.IsFrozen</c>).</summary>
    Task UpdateAsync(string sobject, string id, JsonObject fields, CancellationToken cancellationToken = default);

    /// <summary>DELETEs one sObject record. Returns false when it no longer exists (already deleted).</summary>
    Task<bool> DeleteAsync(string sobject, string id, CancellationToken cancellationToken = default);

    /// <summary>Creates one sObject record and returns its ID, or null when Salesforce answers <c>DUPLICATE_VALUE</c> (it exists already).</summary>
    Task<string?> CreateAsync(string sobject, JsonObject fields, CancellationToken cancellationToken = default);

    /// <summary>Reads a binary field of a record as text (e.g. <c>EventLogFile/{id}/LogFile</c>, CSV).</summary>
    Task<string> GetBlobFieldAsync(string sobject, string id, string field, CancellationToken cancellationToken = default);
}
