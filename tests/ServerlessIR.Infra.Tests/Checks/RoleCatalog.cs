namespace ServerlessIR.Infra.Tests.Checks;

/// <summary>Built-in Azure role definition IDs the checker knows by name.</summary>
public static class RoleCatalog
{
    /// <summary>The narrow data-plane roles this deployment may grant.</summary>
    public static IReadOnlyDictionary<string, string> NarrowRoles { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        // The minimum the Functions documentation names for identity-based host storage (AzureWebJobsStorage); its
        // extra rights over Contributor are ACLs and ownership, which need a hierarchical namespace (the checker
        // refuses it on an account that has one).
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer",
        // Sign with (and read the public half of) the evidence anchor key; granted on that one key only.
        ["12338af0-0e69-4776-bea7-57ae8d297424"] = "Key Vault Crypto User",
        ["d5a91429-5739-47e2-a06b-3470a27159e7"] = "EventGrid Data Sender",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    /// <summary>Blob and queue data roles: Azure evaluates role assignment conditions (ABAC) on their data actions.</summary>
    public static IReadOnlySet<string> ConditionableStorageRoles { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
    };

    /// <summary>Table data roles: no conditions, so narrowed by scope (a table) only.</summary>
    public static IReadOnlySet<string> TableRoles { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
    };

    /// <summary>Roles that manage resources or access itself: never granted by this deployment.</summary>
    public static IReadOnlyDictionary<string, string> PrivilegedRoles { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        // The ID issue 8 gives for Contributor; kept so that spelling is refused too.
        ["b24988ac-6180-4a42-a2ab-d3f3bbfa5597"] = "Contributor (as written in issue 8)",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["f58310d9-a9f6-439a-9e8d-f62e7b41a168"] = "Role Based Access Control Administrator",
    };
}
