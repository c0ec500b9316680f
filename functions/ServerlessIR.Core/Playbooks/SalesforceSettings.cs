namespace ServerlessIR.Core.Playbooks;

/// <summary>The Salesforce orgs of the estate; a global estate has several.</summary>
public sealed record SalesforceSettings
{
    public IReadOnlyList<SalesforceOrg> Orgs { get; init; } = [];
}
