using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// Finds the AI system an alert concerns through the playbook's inventory: its connected app, its integration user, its
/// Azure resources. Sources call it before pseudonymizing, because the inventory names the real integration user.
/// </summary>
public static class AiSystemInventory
{
    /// <summary>The AI system whose integration user is <paramref name="username"/> (a Salesforce username), or null.</summary>
    public static AiSystem? ByIntegrationUser(Playbook playbook, string? username)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        if (string.IsNullOrEmpty(username))
        {
            return null;
        }
        // A plain loop: this runs for every Salesforce alert, over every AI system of the playbook.
        foreach (var system in playbook.AiSystems)
        {
            if (string.Equals(system.Integration?.IntegrationUser, username, StringComparison.OrdinalIgnoreCase))
            {
                return system;
            }
        }
        return null;
    }

    /// <summary>The AI system whose connected app is <paramref name="connectedApp"/>, or null.</summary>
    public static AiSystem? ByConnectedApp(Playbook playbook, string? connectedApp)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        return string.IsNullOrEmpty(connectedApp) ? null : playbook.AiSystems.FirstOrDefault(s =>
            string.Equals(s.Integration?.ConnectedApp, connectedApp, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The AI system that owns <paramref name="resourceId"/>: the same Azure resource ID (IDs are case-insensitive), or a
    /// child of one (a deployment under a listed workspace).
    /// </summary>
    public static AiSystem? ByAzureResource(Playbook playbook, string? resourceId)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        if (string.IsNullOrEmpty(resourceId)) return null;
        var target = resourceId.TrimEnd('/');
        return playbook.AiSystems.FirstOrDefault(s => (s.Integration?.AzureResourceIds ?? []).Any(id =>
        {
            var owned = id.TrimEnd('/');
            return string.Equals(target, owned, StringComparison.OrdinalIgnoreCase) ||
                   target.StartsWith(owned + "/", StringComparison.OrdinalIgnoreCase);
        }));
    }

    /// <summary>
    /// The playbook org an event comes from: the segment after <c>/orgs/</c> in its source (the poller publishes with
    /// <c>/salesforce/orgs/{org}/{store}</c>), or the only org when the playbook has one.
    /// </summary>
    public static string? OrgFromSource(Playbook playbook, string? source)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        if (!string.IsNullOrEmpty(source))
        {
            var segments = source.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var at = Array.IndexOf(segments, "orgs");
            if (at >= 0 && at + 1 < segments.Length && playbook.FindOrg(segments[at + 1]) is { } org)
            {
                return org.Id;
            }
        }
        return playbook.Salesforce.Orgs.Count == 1 ? playbook.Salesforce.Orgs[0].Id : null;
    }
}
