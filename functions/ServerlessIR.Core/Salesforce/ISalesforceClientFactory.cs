namespace ServerlessIR.Core.Salesforce;

/// <summary>Gives the client for one org of the playbook (one connection per org).</summary>
public interface ISalesforceClientFactory
{
    ISalesforceClient ForOrg(string orgId);
}
