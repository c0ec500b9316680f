using Microsoft.Extensions.Configuration;
using ServerlessIR.Adapters.Configuration;

namespace ServerlessIR.Adapters.Tests.Configuration;

public sealed class KeyVaultReferencesTests
{
    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/pseudonym-key)", "pseudonym-key")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/pseudonym-key/0123456789abcdef)", "pseudonym-key")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-x;SecretName=approval-signing-key)", "approval-signing-key")]
    public void SecretName_BothReferenceForms_NameTheSecret(string reference, string expected)
    {
        Assert.True(KeyVaultReferences.IsUnresolved(reference));
        Assert.Equal(expected, KeyVaultReferences.SecretName(reference));
    }

    [Theory]
    [InlineData("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=")]
    [InlineData("")]
    [InlineData(null)]
    public void IsUnresolved_ResolvedOrEmptyValue_IsFalse(string? value) => Assert.False(KeyVaultReferences.IsUnresolved(value));

    [Fact]
    public void Unresolved_ReferenceInAListedSettingAndInAnUnreadOne_ReportsOnlyTheListedOne()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Evidence:PseudonymKey"] = "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/pseudonym-key)",
            ["SomethingNobodyReads"] = "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/other)",
        }).Build();

        var unresolved = KeyVaultReferences.Unresolved(configuration);

        Assert.Equal([("Evidence__PseudonymKey", "pseudonym-key")], unresolved);
        Assert.Contains("'pseudonym-key'", KeyVaultReferences.FailureMessage(unresolved), StringComparison.Ordinal);
        Assert.Null(KeyVaultReferences.FailureMessage([]));
    }
}
