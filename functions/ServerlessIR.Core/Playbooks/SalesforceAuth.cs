namespace ServerlessIR.Core.Playbooks;

/// <summary>How we sign in to an org. Values are Key Vault secret names, never the secrets themselves.</summary>
public sealed record SalesforceAuth
{
    public string Flow { get; init; } = "client-credentials";
    public required string ClientIdSecret { get; init; }
    public string? ClientSecretSecret { get; init; }
    public string? CertificateSecret { get; init; }
    public string? Username { get; init; }
}
