using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ServerlessIR.Infra.Tests.Bicep;
using ServerlessIR.Infra.Tests.Checks;

namespace ServerlessIR.Infra.Tests;

/// <summary>
/// The compiled templates meet the security rules, and the same checker catches a template
/// that is deliberately broken, so a passing check means something.
/// </summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class ArmSecurityCheckerTests(CompiledInfrastructure infra)
{
    internal static readonly string[] AnonymousPaths = ["/api/events", "/api/health"];

    private static readonly ConcurrentDictionary<string, IReadOnlyList<ArmViolation>> OriginalViolations = new(StringComparer.Ordinal);

    private readonly ArmSecurityChecker _checker = new(AnonymousPaths);

    [Fact]
    public void Check_MainTemplate_HasNoViolations()
    {
        var violations = _checker.Check(infra.Main);

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void Check_EventGridSubscriptionTemplate_HasNoViolations()
    {
        var violations = _checker.Check(infra.Subscription);

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [InlineData("Microsoft.Resources/resourceGroups")]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities")]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies")]
    [InlineData("Microsoft.KeyVault/vaults")]
    [InlineData("Microsoft.EventGrid/topics")]
    [InlineData("Microsoft.OperationalInsights/workspaces")]
    [InlineData("Microsoft.Insights/components")]
    [InlineData("Microsoft.Web/serverfarms")]
    [InlineData("Microsoft.Web/sites")]
    [InlineData("Microsoft.Web/sites/config")]
    public void MainTemplate_DeclaresResourceType_SoTheChecksCoverIt(string type)
    {
        Assert.Contains(ArmTemplateWalker.Resources(infra.Main), r => r.IsType(type));
    }

    [Fact]
    public void MainTemplate_DoesNotDeclareTheEventGridSubscription()
    {
        // It needs the deployed function; the postdeploy hook creates it.
        Assert.DoesNotContain(ArmTemplateWalker.Resources(infra.Main), r => r.Type.EndsWith("/eventSubscriptions", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(ArmTemplateWalker.Resources(infra.Subscription), r => r.IsType("Microsoft.EventGrid/topics/eventSubscriptions"));
    }

    [Fact]
    public void MainTemplate_RoleAssignments_AreExactlyTheNarrowRolesAgreed()
    {
        var roles = ArmTemplateWalker.Resources(infra.Main)
            .Where(r => r.IsType("Microsoft.Authorization/roleAssignments"))
            .Select(r => RoleName(r.Properties!["roleDefinitionId"]!.GetValue<string>()))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Declarations: the Key Vault module is used twice (main and rotation vaults) and declares the app's Secrets User and
        // Secrets Officer under opposite conditions, plus the operator's; the table role is one loop over the tables. Crypto
        // User is scoped to the evidence-anchor key alone (declared in both module uses, deployed only in the main vault).
        string[] expected =
        [
            "EventGrid Data Sender",
            "Key Vault Crypto User",
            "Key Vault Crypto User",
            "Key Vault Secrets Officer",
            "Key Vault Secrets Officer",
            "Key Vault Secrets Officer",
            "Key Vault Secrets Officer",
            "Key Vault Secrets User",
            "Key Vault Secrets User",
            "Monitoring Metrics Publisher",
            "Storage Blob Data Contributor",
            "Storage Blob Data Contributor",
            "Storage Queue Data Contributor",
            "Storage Table Data Contributor",
        ];
        Assert.Equal(expected, roles);
    }

    [Fact]
    public void MainTemplate_NoStorageDataRole_CoversTheWholeAccountUnconditioned()
    {
        var storageRoles = ArmTemplateWalker.Resources(infra.Main)
            .Where(r => r.IsType("Microsoft.Authorization/roleAssignments") && r.TemplatePath.EndsWith("/storage", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(4, storageRoles.Count);
        Assert.All(storageRoles.Where(r => r.Node["scope"]!.GetValue<string>().Contains("'Microsoft.Storage/storageAccounts'", StringComparison.Ordinal)),
            r => Assert.False(string.IsNullOrEmpty(r.Properties!["condition"]?.GetValue<string>()), r.Location));
        Assert.DoesNotContain(storageRoles, r => RoleName(r.Properties!["roleDefinitionId"]!.GetValue<string>()) == "Storage Blob Data Owner");
    }

    [Fact]
    public void Check_BlobDataOwnerWhereAnAccountHasAHierarchicalNamespace_IsRefused()
    {
        var template = JsonNode.Parse("""
            {
              "resources": [
                { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2024-01-01", "name": "st",
                  "properties": { "supportsHttpsTrafficOnly": true, "minimumTlsVersion": "TLS1_2", "allowSharedKeyAccess": false,
                                  "allowBlobPublicAccess": false, "isHnsEnabled": true } },
                { "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01", "name": "[guid('x')]",
                  "scope": "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', 'st', 'default', 'c')]",
                  "properties": { "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')]", "principalId": "p" } }
              ]
            }
            """)!.AsObject();

        Assert.Contains(_checker.Check(template), v => v.Rule == "blob-owner-no-hns");
    }

    [Fact]
    public void MainTemplate_Location_CarriesAzdLocationMetadataAndOnlyFlexConsumptionRegions()
    {
        var location = infra.Main["parameters"]!["location"]!;
        var allowed = (location["allowedValues"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToList();

        Assert.Equal("location", location["metadata"]?["azd"]?["type"]?.GetValue<string>());
        Assert.True(allowed.Count >= 10, $"only {allowed.Count} regions allowed");
        Assert.Contains("westeurope", allowed);
        Assert.Contains("eastus", allowed);
        Assert.All(allowed, r => Assert.Matches("^[a-z0-9]+$", r));
        // The quickstart's list also holds the canary region, which is not for customer deployments.
        Assert.DoesNotContain("eastus2euap", allowed);
    }

    [Fact]
    public void MainTemplate_DeadLetterWriterRole_IsScopedToTheDeadLetterContainer()
    {
        var storage = ArmTemplateWalker.Resources(infra.Main)
            .Where(r => r.IsType("Microsoft.Authorization/roleAssignments") && r.TemplatePath.EndsWith("/storage", StringComparison.Ordinal))
            .ToList();

        var containerScoped = Assert.Single(storage, r => (r.Node["scope"]?.GetValue<string>() ?? string.Empty).Contains("blobServices/containers", StringComparison.Ordinal));
        Assert.Contains("deadLetterContainerName", containerScoped.Node["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.EventGrid/topics", containerScoped.Properties!["principalId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(RoleCatalog.NarrowRoles.Single(p => p.Value == "Storage Blob Data Contributor").Key, containerScoped.Properties!["roleDefinitionId"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_IsFlexConsumptionOnDotnetIsolated10WithIdentityDeployment()
    {
        var resources = ArmTemplateWalker.Resources(infra.Main).ToList();
        var plan = Assert.Single(resources, r => r.IsType("Microsoft.Web/serverfarms"));
        var site = Assert.Single(resources, r => r.IsType("Microsoft.Web/sites"));
        var config = site.Properties!["functionAppConfig"]!;

        Assert.Equal("FC1", plan.Node["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site.Node["identity"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionApp_AppSettings_AreIdentityBasedAndComplete()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        foreach (var key in new[]
                 {
                     "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
                     "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
                     "TASKHUB_NAME", "KeyVault__VaultUri", "AZURE_CLIENT_ID",
                 })
        {
            Assert.True(settings.ContainsKey(key), $"app setting {key} is missing");
        }

        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        // The Functions app always runs in real time by code (Program.cs), so no setting pretends to choose it.
        Assert.DoesNotContain(settings.Keys, k => k.Contains("TIME_SCALE", StringComparison.OrdinalIgnoreCase) || k.Contains("TimeScale", StringComparison.OrdinalIgnoreCase));
        // The names the app binds: ServerlessIR:Auth (ApproverIdentityOptions) and Evidence (EvidenceStorageOptions).
        Assert.Equal("true", settings["ServerlessIR__Auth__RunningBehindAppServiceAuth"]);
        Assert.Contains("evidenceContainerName", settings["Evidence__AnchorContainerName"], StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["Evidence__PseudonymKey"], StringComparison.Ordinal);
        Assert.Contains("secrets/pseudonym-key", settings["Evidence__PseudonymKey"], StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Keys, k => k.Equals("AzureWebJobsStorage", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionApp_RelaySettings_NameTheTopicEndpointAndTheAppIdentityUnderTheBoundSection()
    {
        var settings = AppSettings();

        // RelayOptions binds ServerlessIR:Relay; an app setting under any other name leaves the SalesforceRelay timer off.
        Assert.Contains("eventGridTopicEndpoint", settings["ServerlessIR__Relay__TopicEndpoint"], StringComparison.Ordinal);
        Assert.Contains("clientId", settings["ServerlessIR__Relay__ManagedIdentityClientId"], StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("ServerlessIR__Relay__WebhookKey", StringComparison.Ordinal));
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("EventGrid__", StringComparison.Ordinal));

        var module = Assert.Single(ArmTemplateWalker.Resources(infra.Main), r => r.IsType("Microsoft.Resources/deployments") && r.Name.Contains("function-app", StringComparison.Ordinal));
        var endpoint = module.Properties!["parameters"]!["eventGridTopicEndpoint"]!["value"]!.GetValue<string>();
        Assert.Contains("eventgrid-topic", endpoint, StringComparison.Ordinal);
        Assert.Contains("outputs.endpoint", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void EventGridTopic_AppIdentity_HoldsEventGridDataSenderOnTheTopicNamedWithGuid()
    {
        var sender = Assert.Single(ArmTemplateWalker.Resources(infra.Main), r =>
            r.IsType("Microsoft.Authorization/roleAssignments")
            && RoleName(r.Properties!["roleDefinitionId"]!.GetValue<string>()) == "EventGrid Data Sender");

        Assert.EndsWith("/eventgrid-topic", sender.TemplatePath, StringComparison.Ordinal);
        Assert.StartsWith("[guid(", sender.Name, StringComparison.Ordinal);
        Assert.Contains("Microsoft.EventGrid/topics", sender.Node["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("appIdentityName", sender.Properties!["principalId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", sender.Properties["principalId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", sender.Properties["principalType"]!.GetValue<string>());
    }

    [Fact]
    public void MainTemplate_TimeScale_IsNotAParameter()
    {
        var parameters = ArmTemplateWalker.Templates(infra.Main)
            .SelectMany(t => (t.Template["parameters"] as JsonObject ?? []).Select(p => p.Key));

        Assert.DoesNotContain(parameters, p => p.Contains("scale", StringComparison.OrdinalIgnoreCase) && p.Contains("time", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void EvidenceContainer_HasATimeBasedImmutabilityPolicyCreatedUnlocked()
    {
        var policy = Assert.Single(ArmTemplateWalker.Resources(infra.Main), r => r.IsType("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"));

        Assert.Contains("evidence", policy.Name, StringComparison.Ordinal);
        Assert.NotNull(policy.Properties!["immutabilityPeriodSinceCreationInDays"]);
        Assert.Null(policy.Properties["isLocked"]);
    }

    [Fact]
    public void MainTemplate_Outputs_AreUpperSnakeAndFeedAzd()
    {
        var outputs = (infra.Main["outputs"] as JsonObject ?? []).Select(o => o.Key).ToList();

        Assert.All(outputs, o => Assert.Matches("^[A-Z][A-Z0-9_]*$", o));
        Assert.Subset(outputs.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)
        {
            "AZURE_FUNCTION_APP_NAME", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_KEY_VAULT_URI", "EVENT_GRID_TOPIC_ENDPOINT",
            "EVENT_GRID_TOPIC_NAME", "AZURE_RESOURCE_GROUP", "AZURE_STORAGE_DEADLETTER_CONTAINER",
        });
    }

    public static TheoryData<string, string, string, string> BrokenTemplates => new()
    {
        { "app/storage.bicep", "allowSharedKeyAccess: false", "allowSharedKeyAccess: true", "storage-shared-key-off" },
        { "app/storage.bicep", "minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 'TLS1_0'", "storage-tls12" },
        { "app/storage.bicep", "allowBlobPublicAccess: false", "allowBlobPublicAccess: true", "storage-public-blob-off" },
        { "app/keyvault.bicep", "enablePurgeProtection: true", "enablePurgeProtection: false", "keyvault-purge-protection" },
        { "app/keyvault.bicep", "enableRbacAuthorization: true", "enableRbacAuthorization: false", "keyvault-rbac" },
        { "app/keyvault.bicep", "name: guid(vault.id, appIdentity.id,", "name: uniqueString(vault.id, appIdentity.id,", "role-guid-name" },
        { "app/monitoring.bicep", "DisableLocalAuth: true", "DisableLocalAuth: false", "appinsights-local-auth-off" },
        { "app/eventgrid-topic.bicep", "'d5a91429-5739-47e2-a06b-3470a27159e7')\n", "'8e3af657-a8ff-443c-a75c-2fe8c4bcb635')\n", "role-narrow" },
        { "app/function-app.bicep", "'/api/health'\n", "'/api/health'\n        '/api/incidents'\n", "auth-excluded-paths" },
        { "app/function-app.bicep", "httpsOnly: true", "httpsOnly: false", "site-https-only" },
        { "eventgrid-subscription.bicep", "deadLetterWithResourceIdentity:", "deadLetterDestination:", "eventgrid-deadletter-identity" },
        { "app/function-app.bicep", "  dependsOn: [\n    appSettings\n  ]\n", "", "site-config-ordered" },
        { "app/function-app.bicep", "  dependsOn: [\n    ftpPublishing\n  ]\n", "  dependsOn: [\n    authSettings\n  ]\n", "site-config-ordered" },
        { "app/storage.bicep", "    conditionVersion: '2.0'\n    condition: blobCondition\n", "", "storage-role-scoped" },
        { "app/storage.bicep", "    conditionVersion: '2.0'\n    condition: queueCondition\n", "", "storage-role-scoped" },
        { "app/storage.bicep", "  scope: tables[i]\n", "  scope: account\n", "storage-role-scoped" },
    };

    [Theory]
    [MemberData(nameof(BrokenTemplates))]
    public void Check_DeliberatelyBrokenTemplate_ReportsTheViolation(string file, string find, string replace, string rule)
    {
        using var temp = new TempFolder();
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, file));
        Assert.Contains(find, original, StringComparison.Ordinal);
        var broken = temp.Write(Path.GetFileName(file), original.Replace(find, replace, StringComparison.Ordinal));

        var template = infra.Cli.BuildTemplate(broken);
        var violations = _checker.Check(template);

        Assert.Contains(violations, v => v.Rule == rule);
        // The unbroken file, compiled the same way on its own, is clean: the mutation caused the violation.
        var clean = OriginalViolations.GetOrAdd(file, _ => _checker.Check(infra.Cli.BuildTemplate(temp.Write("original-" + Path.GetFileName(file), original))));
        Assert.Empty(clean);
    }

    [Fact]
    public void Check_IssueSpelledContributorRole_IsRefused()
    {
        var template = RoleAssignmentTemplate("b24988ac-6180-4a42-a2ab-d3f3bbfa5597");

        Assert.Contains(_checker.Check(template), v => v.Rule == "role-narrow");
    }

    [Theory]
    [InlineData("b24988ac-6180-42a0-ab88-20f7382dd24c")] // Contributor
    [InlineData("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9")] // User Access Administrator
    public void Check_RoleOutsideTheAllowList_IsRefused(string roleId)
    {
        Assert.Contains(_checker.Check(RoleAssignmentTemplate(roleId)), v => v.Rule == "role-narrow");
    }

    [Fact]
    public void Check_SecureParameterAndSecretOutputs_AreReported()
    {
        var template = JsonNode.Parse("""
            {
              "parameters": { "webhookKey": { "type": "securestring" }, "salesforceClientSecret": { "type": "string" } },
              "resources": [],
              "outputs": {
                "STORAGE_CONNECTION_STRING": { "type": "string", "value": "x" },
                "TOKEN_OUT": { "type": "secureString", "value": "x" },
                "HOST_CODE": { "type": "string", "value": "[listKeys(resourceId('Microsoft.Web/sites/host', 'a', 'default'), '2024-04-01').functionKeys.default]" }
              }
            }
            """)!.AsObject();

        var violations = _checker.Check(template);

        Assert.Equal(2, violations.Count(v => v.Rule == "no-secret-parameter"));
        Assert.Equal(3, violations.Count(v => v.Rule == "no-secret-output"));
    }

    [Theory]
    [InlineData("webhookKey", true)]
    [InlineData("salesforceClientSecret", true)]
    [InlineData("adminPassword", true)]
    [InlineData("storageConnectionString", true)]
    [InlineData("AZURE_KEY_VAULT_URI", false)]
    [InlineData("keyVaultName", false)]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", false)]
    [InlineData("principalId", false)]
    public void LooksSecret_Name_ClassifiedAsExpected(string name, bool expected)
    {
        Assert.Equal(expected, ArmSecurityChecker.LooksSecret(name));
    }

    private Dictionary<string, string> AppSettings()
    {
        var config = Assert.Single(ArmTemplateWalker.Resources(infra.Main), r => r.IsType("Microsoft.Web/sites/config") && r.Name.Contains("'appsettings'", StringComparison.Ordinal));
        return config.Properties!.ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);
    }

    private static string RoleName(string roleDefinitionId) =>
        RoleCatalog.NarrowRoles.FirstOrDefault(p => roleDefinitionId.Contains(p.Key, StringComparison.OrdinalIgnoreCase)).Value ?? roleDefinitionId;

    private static JsonObject RoleAssignmentTemplate(string roleId) => JsonNode.Parse($$"""
        {
          "resources": [{
            "type": "Microsoft.Authorization/roleAssignments",
            "apiVersion": "2022-04-01",
            "name": "[guid(resourceGroup().id, 'x')]",
            "properties": { "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{{roleId}}')]", "principalId": "p" }
          }]
        }
        """)!.AsObject();
}
