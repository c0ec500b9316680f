namespace ServerlessIR.Core.Containment;

/// <summary>Gives the client for one org of the playbook (one connection per org).</summary>
public interface ISalesforceClientFactory
{
    ISalesforceClient ForOrg(string orgId);
}
