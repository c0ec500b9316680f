using ServerlessIR.Infra.Tests.Bicep;
using ServerlessIR.Infra.Tests.Checks;

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
}
