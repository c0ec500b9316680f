namespace ServerlessIR.Core.Playbooks;

/// <summary>How we sign in to an org. Values are Key Vault secret names, never the secrets themselves.</summary>
public sealed record SalesforceAuth
{
    public string Flow { get; init; } = "client-credentials";
    public required string ClientIdSecret { get; init; }
    public string? ClientSecretSecret { get; init; }
    public string? CertificateSecret { get; init; }
    /// <summary>The user the JWT bearer flow signs in as (its <c>sub</c>); pre-authorized for the connected app.</summary>
    public string? Username { get; init; }

    /// <summary>The JWT bearer flow's audience: <c>https://login.salesforce.com</c>, <c>https://test.salesforce.com</c> for sandboxes.</summary>
    public string LoginUrl { get; init; } = "https://login.salesforce.com";
}
