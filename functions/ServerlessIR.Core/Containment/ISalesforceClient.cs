using System.Text.Json;

namespace ServerlessIR.Core.Containment;

/// <summary>The Salesforce REST calls containment needs, for one org.</summary>
public interface ISalesforceClient
{
    /// <summary>Runs a SOQL query and returns its records (all pages).</summary>
    Task<IReadOnlyList<JsonElement>> QueryAsync(string soql, CancellationToken cancellationToken = default);

    /// <summary>Revokes an access or refresh token. Returns false when Salesforce says the token is no longer valid (already revoked).</summary>
    Task<bool> RevokeTokenAsync(string token, CancellationToken cancellationToken = default);
}
