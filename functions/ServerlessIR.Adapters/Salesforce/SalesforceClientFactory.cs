using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Salesforce;

/// <summary>One <see cref="SalesforceRestClient"/> per org in the playbook, each with its own sign-in.</summary>
public sealed class SalesforceClientFactory(
    IHttpClientFactory httpClients,
    IPlaybookProvider playbooks,
    ISecretStore secrets,
    IOptions<SalesforceOptions> options) : ISalesforceClientFactory
{
    public const string HttpClientName = "salesforce";
    private readonly ConcurrentDictionary<string, SalesforceRestClient> clients = new(StringComparer.Ordinal);

    public ISalesforceClient ForOrg(string orgId)
    {
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        return clients.GetOrAdd(orgId, id =>
        {
            var org = playbooks.Current.FindOrg(id) ?? playbooks.Current.Exercise.FindOrg(id)
                ?? throw new PermanentContainmentException($"Salesforce org '{id}' is not in the playbook.");
            var baseUrl = options.Value.OrgInstanceUrlOverrides.GetValueOrDefault(id) ?? options.Value.InstanceUrlOverride ?? new Uri(org.InstanceUrl);
            return new SalesforceRestClient(httpClients.CreateClient(HttpClientName), org, baseUrl, secrets);
        });
    }
}
