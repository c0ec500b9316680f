using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessIR.Infra.Tests.Checks;

/// <summary>
/// Checks a compiled ARM template (root and nested module deployments) against the
/// deployment's security rules: no keys, TLS 1.2 and HTTPS only, Key Vault RBAC with purge
/// protection, Entra-only telemetry, identity-based dead-lettering, App Service Authentication
/// with exactly the agreed anonymous routes, narrow role assignments with stable names, no
/// secret passed in or out, and a site's configuration children written one after another (ARM
/// writes siblings in parallel, and parallel writes to one site can drop app or auth settings). A setting must be a literal to pass: an expression cannot be
/// verified offline, so it is reported.
/// </summary>
public sealed partial class ArmSecurityChecker
{
    private static readonly string[] SecretWords = ["KEY", "SECRET", "PASSWORD", "PASSWD", "CONNECTIONSTRING", "CREDENTIAL", "TOKEN"];

    // The App Insights connection string is an identifier, not a secret, once local auth is off.
    private static readonly string[] AllowedSecretLookingNames = ["APPLICATIONINSIGHTSCONNECTIONSTRING", "APPINSIGHTSCONNECTIONSTRING"];

    private readonly IReadOnlySet<string> _anonymousPaths;

    /// <param name="anonymousPaths">The only routes allowed past App Service Authentication.</param>
    public ArmSecurityChecker(IEnumerable<string> anonymousPaths)
    {
        _anonymousPaths = anonymousPaths.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Reports every violation in the template; an empty list means it passes.</summary>
    public IReadOnlyList<ArmViolation> Check(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var violations = new List<ArmViolation>();
        var resources = ArmTemplateWalker.Resources(template).ToList();

        foreach (var resource in resources)
        {
            CheckResource(resource, violations);
        }

        CheckEverySiteHasAuthentication(resources, violations);
        CheckSiteChildrenAreOrdered(resources, violations);
        CheckBlobOwnerOnlyWithoutHierarchicalNamespace(resources, violations);
        CheckParametersAndOutputs(template, violations);
        CheckNoStorageKeys(template, violations);
        return violations;
    }

    private void CheckResource(ArmResource r, List<ArmViolation> v)
    {
        switch (r.Type.ToUpperInvariant())
        {
            case "MICROSOFT.STORAGE/STORAGEACCOUNTS":
                RequireTrue(r, v, "storage-https-only", "supportsHttpsTrafficOnly");
                RequireString(r, v, "storage-tls12", "TLS1_2", "minimumTlsVersion");
                RequireFalse(r, v, "storage-shared-key-off", "allowSharedKeyAccess");
                RequireFalse(r, v, "storage-public-blob-off", "allowBlobPublicAccess");
                break;
            case "MICROSOFT.STORAGE/STORAGEACCOUNTS/BLOBSERVICES/CONTAINERS":
                if (Get(r.Properties, "publicAccess") is { } access && !IsString(access, "None"))
                {
                    v.Add(new("container-private", r.Location, $"publicAccess is {access.ToJsonString()}, expected None."));
                }

                break;
            case "MICROSOFT.WEB/SITES":
                RequireTrue(r, v, "site-https-only", "httpsOnly");
                RequireString(r, v, "site-tls12", "1.2", "siteConfig", "minTlsVersion");
                break;
            case "MICROSOFT.WEB/SITES/CONFIG" when r.Name.Contains("authsettingsV2", StringComparison.OrdinalIgnoreCase):
                CheckAuthentication(r, v);
                break;
            case "MICROSOFT.KEYVAULT/VAULTS":
                RequireTrue(r, v, "keyvault-rbac", "enableRbacAuthorization");
                RequireTrue(r, v, "keyvault-soft-delete", "enableSoftDelete");
                RequireTrue(r, v, "keyvault-purge-protection", "enablePurgeProtection");
                break;
            case "MICROSOFT.INSIGHTS/COMPONENTS":
                RequireTrue(r, v, "appinsights-local-auth-off", "DisableLocalAuth");
                break;
            case "MICROSOFT.EVENTGRID/TOPICS":
                RequireTrue(r, v, "eventgrid-local-auth-off", "disableLocalAuth");
                break;
            case var type when type.EndsWith("/EVENTSUBSCRIPTIONS", StringComparison.Ordinal):
                CheckEventSubscription(r, v);
                break;
            case "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS":
                CheckRoleAssignment(r, v);
                break;
            default:
                break;
        }
    }

    private void CheckAuthentication(ArmResource r, List<ArmViolation> v)
    {
        RequireTrue(r, v, "auth-enabled", "platform", "enabled");
        RequireTrue(r, v, "auth-required", "globalValidation", "requireAuthentication");
        RequireString(r, v, "auth-return-401", "Return401", "globalValidation", "unauthenticatedClientAction");

        var excluded = Get(r.Properties, "globalValidation", "excludedPaths") as JsonArray;
        var paths = excluded?.Select(p => p is JsonValue value && value.TryGetValue<string>(out var s) ? s : "<expression>").ToList() ?? [];
        if (paths.Count != _anonymousPaths.Count || !paths.All(_anonymousPaths.Contains))
        {
            v.Add(new("auth-excluded-paths", r.Location,
                $"excludedPaths are [{string.Join(", ", paths)}], expected exactly [{string.Join(", ", _anonymousPaths)}]."));
        }
    }

    private static void CheckEventSubscription(ArmResource r, List<ArmViolation> v)
    {
        if (Get(r.Properties, "deadLetterDestination") is not null)
        {
            v.Add(new("eventgrid-deadletter-identity", r.Location,
                "deadLetterDestination writes with storage keys; use deadLetterWithResourceIdentity."));
        }

        var identityType = Get(r.Properties, "deadLetterWithResourceIdentity", "identity", "type");
        var destination = Get(r.Properties, "deadLetterWithResourceIdentity", "deadLetterDestination", "endpointType");
        if (identityType is null || destination is null)
        {
            v.Add(new("eventgrid-deadletter-identity", r.Location,
                "deadLetterWithResourceIdentity with an identity and a destination is required."));
        }

        if (Get(r.Properties, "retryPolicy") is not JsonObject)
        {
            v.Add(new("eventgrid-retry-policy", r.Location, "retryPolicy is missing."));
        }
    }

    private static void CheckRoleAssignment(ArmResource r, List<ArmViolation> v)
    {
        if (!r.Name.StartsWith("[guid(", StringComparison.Ordinal))
        {
            v.Add(new("role-guid-name", r.Location, "Role assignment name must be guid(...) so a redeploy is idempotent."));
        }

        var definition = Get(r.Properties, "roleDefinitionId") is JsonValue value && value.TryGetValue<string>(out var s) ? s : string.Empty;
        var ids = GuidPattern().Matches(definition).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count != 1)
        {
            v.Add(new("role-narrow", r.Location,
                $"roleDefinitionId '{definition}' must name exactly one built-in role by its literal ID, so it can be verified."));
            return;
        }

        var id = ids[0];
        CheckStorageRoleIsScoped(r, id, v);
        if (RoleCatalog.PrivilegedRoles.TryGetValue(id, out var privileged))
        {
            v.Add(new("role-narrow", r.Location, $"{privileged} ({id}) is never granted; use a narrow data-plane role."));
        }
        else if (!RoleCatalog.NarrowRoles.ContainsKey(id))
        {
            v.Add(new("role-narrow", r.Location, $"Role {id} is not on the allow-list of narrow roles."));
        }
    }

    /// <summary>
    /// A storage data role never reaches every store of an account: a blob or queue role on the account carries an ABAC
    /// condition (on container or queue names), and a table role, which takes no condition, is scoped to a table.
    /// </summary>
    private static void CheckStorageRoleIsScoped(ArmResource r, string roleId, List<ArmViolation> v)
    {
        var scope = Get(r.Node, "scope") is JsonValue value && value.TryGetValue<string>(out var s) ? s : string.Empty;
        if (!scope.Contains("'Microsoft.Storage/storageAccounts'", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var conditioned = Get(r.Properties, "condition") is JsonValue condition && condition.TryGetValue<string>(out var text) && text.Length > 0;
        if (RoleCatalog.ConditionableStorageRoles.Contains(roleId) && !conditioned)
        {
            v.Add(new("storage-role-scoped", r.Location, $"{RoleCatalog.NarrowRoles[roleId]} on the whole account needs a condition naming its containers or queues."));
        }
        else if (RoleCatalog.TableRoles.Contains(roleId))
        {
            v.Add(new("storage-role-scoped", r.Location, $"{RoleCatalog.NarrowRoles[roleId]} on the whole account: scope it to each table."));
        }
    }

    private static void CheckEverySiteHasAuthentication(List<ArmResource> resources, List<ArmViolation> v)
    {
        if (resources.Any(r => r.IsType("Microsoft.Web/sites/config") && r.Name.Contains("authsettingsV2", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        foreach (var site in resources.Where(r => r.IsType("Microsoft.Web/sites")))
        {
            v.Add(new("auth-enabled", site.Location, "The site has no authsettingsV2 configuration."));
        }
    }

    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";

    /// <summary>
    /// Storage Blob Data Owner adds ACL and ownership rights over Contributor, which exist only with a hierarchical
    /// namespace: it is allowed only where every storage account says <c>isHnsEnabled: false</c>.
    /// </summary>
    private static void CheckBlobOwnerOnlyWithoutHierarchicalNamespace(List<ArmResource> resources, List<ArmViolation> v)
    {
        var ownerGranted = resources.Any(r => r.IsType("Microsoft.Authorization/roleAssignments")
            && (Get(r.Properties, "roleDefinitionId")?.ToJsonString() ?? string.Empty).Contains(BlobDataOwner, StringComparison.OrdinalIgnoreCase));
        if (!ownerGranted)
        {
            return;
        }

        foreach (var account in resources.Where(r => r.IsType("Microsoft.Storage/storageAccounts")))
        {
            RequireFalse(account, v, "blob-owner-no-hns", "isHnsEnabled");
        }
    }

    private static void CheckSiteChildrenAreOrdered(List<ArmResource> resources, List<ArmViolation> v)
    {
        foreach (var group in resources.Where(r => r.Type.StartsWith("Microsoft.Web/sites/", StringComparison.OrdinalIgnoreCase))
                     .GroupBy(r => r.TemplatePath, StringComparer.Ordinal))
        {
            var children = group.Select(r => (Resource: r, Key: ChildKey(r.Type, r.Name))).ToList();
            if (children.Count < 2)
            {
                continue;
            }

            // Each child's sibling prerequisites: dependsOn entries naming another child of the site.
            var after = children.ToDictionary(
                c => c.Key,
                c => (c.Resource.Node["dependsOn"] as JsonArray ?? [])
                    .Select(d => d is JsonValue value && value.TryGetValue<string>(out var text) ? DependencyKey(text) : null)
                    .Where(k => k is not null && k != c.Key && children.Any(o => o.Key == k))
                    .ToList(),
                StringComparer.Ordinal);
            var first = after.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList();
            var awaited = after.SelectMany(p => p.Value).GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key!).ToList();
            if (first.Count != 1 || awaited.Count > 0)
            {
                v.Add(new("site-config-ordered", group.Key,
                    $"The site's configuration children must form one dependsOn chain; written in parallel now: [{string.Join(", ", first.Concat(awaited))}]."));
            }
        }
    }

    /// <summary><c>type/last-name-literal</c>, e.g. <c>Microsoft.Web/sites/config/appsettings</c>.</summary>
    private static string ChildKey(string type, string name) => $"{type}/{LastLiteral(name)}".ToUpperInvariant();

    private static string? DependencyKey(string dependency)
    {
        var match = ResourceIdCall().Match(dependency);
        return match.Success ? ChildKey(match.Groups["type"].Value, dependency) : null;
    }

    private static string LastLiteral(string expression)
    {
        var literals = QuotedLiteral().Matches(expression);
        return literals.Count == 0 ? expression : literals[^1].Groups["text"].Value;
    }

    private static void CheckParametersAndOutputs(JsonObject root, List<ArmViolation> v)
    {
        foreach (var (path, template) in ArmTemplateWalker.Templates(root))
        {
            foreach (var (name, node) in template["parameters"] as JsonObject ?? [])
            {
                var type = (node?["type"] as JsonValue)?.ToString() ?? string.Empty;
                if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                {
                    v.Add(new("no-secret-parameter", $"{path}: parameter {name}", $"Parameter is {type}; secrets are never passed in."));
                }
                else if (LooksSecret(name))
                {
                    v.Add(new("no-secret-parameter", $"{path}: parameter {name}", "Parameter name looks like a secret."));
                }
            }

            foreach (var (name, node) in template["outputs"] as JsonObject ?? [])
            {
                var type = (node?["type"] as JsonValue)?.ToString() ?? string.Empty;
                var value = node?["value"]?.ToJsonString() ?? string.Empty;
                if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                {
                    v.Add(new("no-secret-output", $"{path}: output {name}", $"Output is {type}."));
                }
                else if (LooksSecret(name))
                {
                    v.Add(new("no-secret-output", $"{path}: output {name}", "Output name looks like a secret."));
                }
                else if (ListFunction().IsMatch(value))
                {
                    v.Add(new("no-secret-output", $"{path}: output {name}", "Output calls a list*() function, which returns keys."));
                }
            }
        }
    }

    private static void CheckNoStorageKeys(JsonObject root, List<ArmViolation> v)
    {
        var text = root.ToJsonString();
        if (text.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) || StorageListKeys().IsMatch(text))
        {
            v.Add(new("no-storage-keys", "main", "The template reads or embeds a storage account key."));
        }
    }

    /// <summary>True when a name reads like a secret (key, secret, password, ...), Key Vault names aside.</summary>
    public static bool LooksSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = name.Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .ToUpperInvariant();
        if (AllowedSecretLookingNames.Any(normalized.Contains))
        {
            return false;
        }

        normalized = normalized.Replace("KEYVAULT", string.Empty, StringComparison.Ordinal);
        return SecretWords.Any(word => normalized.Contains(word, StringComparison.Ordinal));
    }

    private static void RequireTrue(ArmResource r, List<ArmViolation> v, string rule, params string[] path) =>
        RequireBool(r, v, rule, expected: true, path);

    private static void RequireFalse(ArmResource r, List<ArmViolation> v, string rule, params string[] path) =>
        RequireBool(r, v, rule, expected: false, path);

    private static void RequireBool(ArmResource r, List<ArmViolation> v, string rule, bool expected, string[] path)
    {
        var node = Get(r.Properties, path);
        if (node is not JsonValue value || !value.TryGetValue<bool>(out var actual) || actual != expected)
        {
            v.Add(new(rule, r.Location,
                $"{string.Join('.', path)} is {node?.ToJsonString() ?? "missing"}, expected literal {expected.ToString().ToLowerInvariant()}."));
        }
    }

    private static void RequireString(ArmResource r, List<ArmViolation> v, string rule, string expected, params string[] path)
    {
        var node = Get(r.Properties, path);
        if (!IsString(node, expected))
        {
            v.Add(new(rule, r.Location, $"{string.Join('.', path)} is {node?.ToJsonString() ?? "missing"}, expected '{expected}'."));
        }
    }

    private static bool IsString(JsonNode? node, string expected) =>
        node is JsonValue value && value.TryGetValue<string>(out var actual) && string.Equals(actual, expected, StringComparison.Ordinal);

    private static JsonNode? Get(JsonNode? node, params string[] path)
    {
        foreach (var segment in path)
        {
            node = (node as JsonObject)?[segment];
        }

        return node;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"resourceId\('(?<type>Microsoft\.Web/sites/[^']+)'", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ResourceIdCall();

    [GeneratedRegex(@"'(?<text>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedLiteral();

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.CultureInvariant)]
    private static partial Regex ListFunction();

    [GeneratedRegex(@"listKeys\([^\]]*Microsoft\.Storage/storageAccounts", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StorageListKeys();
}
