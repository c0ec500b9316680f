using ServerlessIR.Infra.Tests.Bicep;
using ServerlessIR.Infra.Tests.Checks;
using ServerlessIR.Infra.Tests.Settings;

namespace ServerlessIR.Infra.Tests;

/// <summary>
/// Issue 18 items 8 and 9: the evidence account carries a delete lock, and locking the evidence immutability policy is a
/// deployment parameter (carried out by the postprovision hook, as Azure Resource Manager creates policies unlocked).
/// </summary>
[Trait("Category", "Bicep")]
[Collection(BicepCollection.Name)]
public sealed class EvidenceProtectionTests(CompiledInfrastructure infra)
{
    [Fact]
    public void StorageAccount_CarriesACanNotDeleteLock()
    {
        var evidenceLock = Assert.Single(ArmTemplateWalker.Resources(infra.Main), r => r.IsType("Microsoft.Authorization/locks"));

        Assert.EndsWith("/storage", evidenceLock.TemplatePath, StringComparison.Ordinal);
        Assert.Equal("CanNotDelete", evidenceLock.Properties!["level"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]", evidenceLock.Node["scope"]!.GetValue<string>());
        Assert.Null(evidenceLock.Node["condition"]);
    }

    [Fact]
    public void ImmutabilityPolicy_IsDeclaredOnlyUntilItIsLocked()
    {
        var policy = Assert.Single(ArmTemplateWalker.Resources(infra.Main), r => r.IsType("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"));

        Assert.Equal("[not(parameters('evidencePolicyLocked'))]", policy.Node["condition"]!.GetValue<string>());
        Assert.True(policy.Properties!["allowProtectedAppendWrites"]!.GetValue<bool>());
    }

    [Fact]
    public void EvidencePolicyLock_IsOffByDefaultAndReachesTheHookAsPendingUntilRecordedLocked()
    {
        var parameter = infra.Main["parameters"]!["evidencePolicyLock"]!;
        var supplied = CompiledInfrastructure.MainParameters["evidencePolicyLock"]!["value"]!.GetValue<string>();
        var pending = infra.Main["outputs"]!["EVIDENCE_POLICY_LOCK_PENDING"]!;
        var hook = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "hooks", "postprovision.sh"));

        Assert.False(parameter["defaultValue"]!.GetValue<bool>());
        Assert.Equal("${EVIDENCE_POLICY_LOCK=false}", supplied);
        Assert.Equal("bool", pending["type"]!.GetValue<string>());
        Assert.Equal("[and(parameters('evidencePolicyLock'), not(parameters('evidencePolicyLocked')))]", pending["value"]!.GetValue<string>());
        Assert.Contains("EVIDENCE_POLICY_LOCK_PENDING", hook, StringComparison.Ordinal);
        Assert.Contains("azd env set EVIDENCE_POLICY_LOCKED true", hook, StringComparison.Ordinal);
    }

    [Fact]
    public void AnchorSigningKey_IsANonExportableEcKeyInTheMainVaultOnly()
    {
        var main = infra.Module("keyvault");
        var template = main.Properties!["template"]!.AsObject();
        var key = Assert.Single(ArmTemplateWalker.Resources(template), r => r.IsType("Microsoft.KeyVault/vaults/keys"));

        Assert.Equal("evidence-anchor-key", main.Properties["parameters"]!["anchorSignerName"]!["value"]!.GetValue<string>());
        Assert.Null(infra.Module("keyvault-rotation").Properties!["parameters"]!["anchorSignerName"]);
        Assert.Equal("[and(not(parameters('isRotationVault')), not(empty(parameters('anchorSignerName'))))]", key.Node["condition"]!.GetValue<string>());
        Assert.Equal("EC", key.Properties!["kty"]!.GetValue<string>());
        Assert.Equal("P-256", key.Properties["curveName"]!.GetValue<string>());
        Assert.Equal(["sign", "verify"], key.Properties["keyOps"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.False(key.Properties["attributes"]!["exportable"]!.GetValue<bool>());
    }

    [Fact]
    public void AnchorSigningKey_AppHoldsCryptoUserOnTheKeyNotTheVault()
    {
        var template = infra.Module("keyvault").Properties!["template"]!.AsObject();
        var role = Assert.Single(ArmTemplateWalker.Resources(template), r => r.IsType("Microsoft.Authorization/roleAssignments")
            && r.Properties!["roleDefinitionId"]!.GetValue<string>().Contains(CryptoUser, StringComparison.OrdinalIgnoreCase));

        Assert.Contains("Microsoft.KeyVault/vaults/keys", role.Node["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("appIdentityName", role.Properties!["principalId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("[guid(", role.Node["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnchorSigning_AppSettingsNameTheMainVaultAndTheKey()
    {
        var settings = BicepAppSettings.Declared(infra.Main);
        var module = infra.Module("function-app");

        Assert.Equal("[parameters('keyVaultUri')]", settings["Evidence__Signing__KeyVaultUri"]!.GetValue<string>());
        Assert.Equal("[parameters('anchorSignerName')]", settings["Evidence__Signing__KeyName"]!.GetValue<string>());
        Assert.Contains("clientId", settings["Evidence__Signing__ManagedIdentityClientId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'keyvault'", module.Properties!["parameters"]!["anchorSignerName"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private const string CryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";
}
