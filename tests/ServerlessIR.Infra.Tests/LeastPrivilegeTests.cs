using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Infra.Tests.Bicep;
using ServerlessIR.Infra.Tests.Checks;
using ServerlessIR.Infra.Tests.Settings;

namespace ServerlessIR.Infra.Tests;

/// <summary>
/// Issue 18 item 8: the app's storage roles reach only the containers, queues and tables it uses; it only reads the vault
/// of its signing and pseudonym keys and writes only the vault of the secrets containment rotates; the operator's Key
/// Vault role is granted only when asked for.
/// </summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class LeastPrivilegeTests(CompiledInfrastructure infra)
{
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string SecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string SecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string DeploymentContainer = "app-package-contract";

    [Fact]
    public void AppBlobRole_IsContributorOnTheAccountLimitedToTheAppsHostsAndTaskHubsContainers()
    {
        var condition = Condition(AppRole(BlobDataContributor));

        foreach (var action in new[] { "read", "write", "delete", "add/action", "move/action" })
        {
            Assert.Contains($"!(ActionMatches{{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/{action}'}})", condition, StringComparison.Ordinal);
        }
        var container = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]";
        Assert.Equal(
            ["raw-alerts", "notice-drafts", "evidence", "deadletter", DeploymentContainer],
            Quoted(condition, $"{container} StringEquals "));
        Assert.Equal(["azure-webjobs-", "serverlessir-"], Quoted(condition, $"{container} StringStartsWith "));
        Assert.StartsWith("((!(ActionMatches", condition, StringComparison.Ordinal);
        Assert.Contains("})) OR (", condition, StringComparison.Ordinal);
    }

    [Fact]
    public void AppQueueRole_IsLimitedToTheTaskHubsQueues()
    {
        var condition = Condition(AppRole(QueueDataContributor));

        foreach (var action in new[] { "read", "write", "delete", "process/action" })
        {
            Assert.Contains($"!(ActionMatches{{'Microsoft.Storage/storageAccounts/queueServices/queues/messages/{action}'}})", condition, StringComparison.Ordinal);
        }
        Assert.Equal(["serverlessir-"], Quoted(condition, "@Resource[Microsoft.Storage/storageAccounts/queueServices/queues:name] StringStartsWith "));
    }

    [Fact]
    public void AppTableRoles_AreOnePerTableNeverTheAccount()
    {
        var table = AppRole(TableDataContributor);

        Assert.NotNull(table.Node["copy"]);
        Assert.Contains("'Microsoft.Storage/storageAccounts/tableServices/tables'", table.Node["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(StorageRoles(), r => r.Properties!["roleDefinitionId"]!.GetValue<string>().Contains("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void EveryStoreTheAppCreatesAtStart_IsReachableThroughItsScopedRoles()
    {
        using var app = new FunctionsAppFromSettings(BicepAppSettings.Evaluate(infra.Main));
        var inventory = (StorageInventory)app.Host.Services.GetService(typeof(StorageInventory))!;
        var tables = TableNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var containers = Quoted(Condition(AppRole(BlobDataContributor)), "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals ");

        Assert.All(inventory.Tables, t => Assert.True(tables.Contains(t), $"table {t} has no Table Data Contributor assignment"));
        Assert.All(inventory.Containers, c => Assert.Contains(c, containers));
        // The Durable Task hub's tables (history, instances, partitions) sit beside the app's own.
        Assert.Superset(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "serverlessirHistory", "serverlessirInstances", "serverlessirPartitions" }, tables);
    }

    [Fact]
    public void KeyVaults_AppReadsTheMainVaultAndWritesOnlyTheRotationVault()
    {
        var main = infra.Module("keyvault");
        var rotation = infra.Module("keyvault-rotation");
        var template = main.Properties!["template"]!.AsObject();

        Assert.Null(main.Properties["parameters"]!["isRotationVault"]);
        Assert.False(template["parameters"]!["isRotationVault"]!["defaultValue"]!.GetValue<bool>());
        Assert.True(rotation.Properties!["parameters"]!["isRotationVault"]!["value"]!.GetValue<bool>());
        Assert.Equal("[not(parameters('isRotationVault'))]", VaultRole(template, SecretsUser, "appIdentityName")["condition"]!.GetValue<string>());
        Assert.Equal("[parameters('isRotationVault')]", VaultRole(template, SecretsOfficer, "appIdentityName")["condition"]!.GetValue<string>());
    }

    [Fact]
    public void KeyVaults_RotationVaultIsTheAppsRotationSetting()
    {
        var settings = BicepAppSettings.Declared(infra.Main);
        var module = infra.Module("function-app");

        Assert.Equal("[parameters('rotationKeyVaultUri')]", settings["ServerlessIR__KeyVault__RotationUri"]!.GetValue<string>());
        Assert.Contains("'keyvault-rotation'", module.Properties!["parameters"]!["rotationKeyVaultUri"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void OperatorSecretsOfficer_IsGrantedOnlyWhenOperatorKeyVaultAccessIsOn()
    {
        var access = infra.Main["parameters"]!["operatorKeyVaultAccess"]!;
        var supplied = CompiledInfrastructure.MainParameters["operatorKeyVaultAccess"]!["value"]!.GetValue<string>();
        var modules = ArmTemplateWalker.Resources(infra.Main).Where(r => r.IsType("Microsoft.Resources/deployments") && r.Name.StartsWith("keyvault", StringComparison.Ordinal)).ToList();

        Assert.False(access["defaultValue"]!.GetValue<bool>());
        Assert.Equal("${KEY_VAULT_OPERATOR_ACCESS=false}", supplied);
        Assert.Equal("[if(parameters('operatorKeyVaultAccess'), parameters('principalId'), '')]", infra.Main["variables"]!["operatorPrincipalId"]!.GetValue<string>());
        Assert.Equal(2, modules.Count);
        Assert.All(modules, m =>
        {
            Assert.Equal("[variables('operatorPrincipalId')]", m.Properties!["parameters"]!["operatorPrincipalId"]!["value"]!.GetValue<string>());
            var operatorRole = VaultRole(m.Properties["template"]!.AsObject(), SecretsOfficer, "operatorPrincipalId");
            Assert.Equal("[not(empty(parameters('operatorPrincipalId')))]", operatorRole["condition"]!.GetValue<string>());
        });
    }

    private List<ArmResource> StorageRoles() =>
        ArmTemplateWalker.Resources(infra.Main).Where(r => r.IsType("Microsoft.Authorization/roleAssignments") && r.TemplatePath.EndsWith("/storage", StringComparison.Ordinal)).ToList();

    private ArmResource AppRole(string roleId) =>
        Assert.Single(StorageRoles(), r => r.Properties!["roleDefinitionId"]!.GetValue<string>().Contains(roleId, StringComparison.OrdinalIgnoreCase)
            && r.Properties["principalId"]!.GetValue<string>().Contains("appIdentityName", StringComparison.Ordinal));

    private string Condition(ArmResource role)
    {
        Assert.Contains("'Microsoft.Storage/storageAccounts'", role.Node["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2.0", role.Properties!["conditionVersion"]!.GetValue<string>());
        return new ArmExpression(StorageTemplate(), new Dictionary<string, string>
        {
            ["taskHubName"] = "serverlessir",
            ["deploymentContainerName"] = DeploymentContainer,
        }).Evaluate(role.Properties["condition"]!.GetValue<string>());
    }

    private List<string> TableNames()
    {
        var evaluate = new ArmExpression(StorageTemplate(), new Dictionary<string, string> { ["taskHubName"] = "serverlessir" });
        return StorageTemplate()["variables"]!["appTableNames"]!.AsArray().Select(t => evaluate.Evaluate(t!.GetValue<string>())).ToList();
    }

    private JsonObject StorageTemplate() => infra.ModuleTemplate("storage");

    private static JsonObject VaultRole(JsonObject template, string roleId, string principal) =>
        Assert.Single(ArmTemplateWalker.Resources(template), r => r.IsType("Microsoft.Authorization/roleAssignments")
            && r.Properties!["roleDefinitionId"]!.GetValue<string>().Contains(roleId, StringComparison.OrdinalIgnoreCase)
            && r.Properties["principalId"]!.GetValue<string>().Contains(principal, StringComparison.Ordinal)).Node;

    /// <summary>The quoted values that follow <paramref name="prefix"/> in a condition, in order.</summary>
    private static List<string> Quoted(string condition, string prefix)
    {
        var values = new List<string>();
        for (var at = condition.IndexOf(prefix + "'", StringComparison.Ordinal); at >= 0; at = condition.IndexOf(prefix + "'", at + 1, StringComparison.Ordinal))
        {
            var start = at + prefix.Length + 1;
            values.Add(condition[start..condition.IndexOf('\'', start)]);
        }
        return values;
    }
}
