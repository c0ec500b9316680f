namespace ServerlessIR.Core.Playbooks;

/// <summary>One Salesforce org: where it lives, the API version we speak, and the Key Vault names of its credentials.</summary>
public sealed record SalesforceOrg
{
    public required string Id { get; init; }
    public required string InstanceUrl { get; init; }
    public string ApiVersion { get; init; } = "62.0";
    public required SalesforceAuth Auth { get; init; }
}
