namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// One Salesforce org: where it lives, the API version we speak, the Key Vault names of its credentials, and the
/// developer name of its pre-staged break-glass Transaction Security Policy.
/// </summary>
public sealed record SalesforceOrg
{
    public required string Id { get; init; }
    public required string InstanceUrl { get; init; }
    public string ApiVersion { get; init; } = "62.0";
    public required SalesforceAuth Auth { get; init; }
    public string? BreakGlassPolicy { get; init; }
}
