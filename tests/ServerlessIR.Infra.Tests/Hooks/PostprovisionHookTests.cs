using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Infra.Tests.Hooks;

/// <summary>
/// infra/hooks/postprovision.sh, run against a fake <c>az</c>: it creates the keys the app needs at start when absent,
/// keeps existing ones, retries while the role assignment propagates, and never prints a value.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // The hooks are POSIX sh scripts (azure.yaml: posix).
public sealed class PostprovisionHookTests : IDisposable
{
    private static readonly string Hook = Path.Combine(RepositoryPaths.Infra, "hooks", "postprovision.sh");

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["AZURE_KEY_VAULT_NAME"] = "kv-test",
        ["SERVERLESSIR_HOOK_WAIT_SECONDS"] = "0",
        ["SERVERLESSIR_HOOK_ATTEMPTS"] = "4",
    };

    private readonly FakeAzureCli az = new();

    [Fact]
    public void Run_EmptyVault_CreatesBothKeysAsBase64Of32RandomBytes()
    {
        var result = az.Run(Hook, Environment);

        Assert.True(result.ExitCode == 0, result.Error);
        var pseudonym = az.Secret(SecretNames.PseudonymKey);
        var signing = az.Secret(SecretNames.ApprovalSigningKey);
        Assert.Equal(32, Convert.FromBase64String(pseudonym!).Length);
        Assert.Equal(32, Convert.FromBase64String(signing!).Length);
        Assert.NotEqual(pseudonym, signing);
    }

    [Fact]
    public void Run_EmptyVault_NeverPrintsOrPassesAValueOnTheCommandLine()
    {
        var result = az.Run(Hook, Environment);

        Assert.Equal(0, result.ExitCode);
        foreach (var value in new[] { az.Secret(SecretNames.PseudonymKey)!, az.Secret(SecretNames.ApprovalSigningKey)! })
        {
            Assert.DoesNotContain(value, result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(value, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(az.Calls, call => call.Contains(value, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(az.Calls, call => call.Contains("--value", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_KeyAlreadyInTheVault_LeavesItAndCreatesOnlyTheMissingOne()
    {
        File.WriteAllText(Path.Combine(az.SecretsFolder, SecretNames.PseudonymKey), "existing-pseudonym-key");

        var result = az.Run(Hook, Environment);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("existing-pseudonym-key", az.Secret(SecretNames.PseudonymKey));
        Assert.NotNull(az.Secret(SecretNames.ApprovalSigningKey));
        Assert.Single(az.Calls, call => call.StartsWith("keyvault secret set", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_Twice_SecondRunChangesNothing()
    {
        Assert.Equal(0, az.Run(Hook, Environment).ExitCode);
        var first = (az.Secret(SecretNames.PseudonymKey), az.Secret(SecretNames.ApprovalSigningKey));

        var second = az.Run(Hook, Environment);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(first, (az.Secret(SecretNames.PseudonymKey), az.Secret(SecretNames.ApprovalSigningKey)));
        Assert.Equal(2, az.Calls.Count(call => call.StartsWith("keyvault secret set", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_RoleAssignmentStillPropagating_RetriesUntilTheVaultAnswers()
    {
        az.RefuseNext(2);

        var result = az.Run(Hook, Environment);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(3, az.Calls.Count(call => call.StartsWith("keyvault secret list ", StringComparison.Ordinal)));
        Assert.Contains("retrying", result.Error, StringComparison.Ordinal);
        Assert.NotNull(az.Secret(SecretNames.PseudonymKey));
    }

    [Fact]
    public void Run_VaultNeverAnswers_FailsWithoutCreatingAnything()
    {
        az.RefuseNext(100);

        var result = az.Run(Hook, Environment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Giving up after 4 attempts", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(az.Calls, call => call.StartsWith("keyvault secret set", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_KeySoftDeleted_RecoversItInsteadOfMintingANewOne()
    {
        File.WriteAllText(Path.Combine(az.DeletedFolder, SecretNames.ApprovalSigningKey), "old-signing-key");

        var result = az.Run(Hook, Environment);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("old-signing-key", az.Secret(SecretNames.ApprovalSigningKey));
        Assert.Contains(az.Calls, call => call.StartsWith("keyvault secret recover", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_OutsideAzd_StopsBeforeCallingAzure()
    {
        var result = az.Run(Hook, new Dictionary<string, string>());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("AZURE_KEY_VAULT_NAME", result.Error, StringComparison.Ordinal);
        Assert.Empty(az.Calls);
    }

    [Fact]
    public void Hook_CreatesExactlyTheSecretsTheAppNeedsAtStart()
    {
        // The names must be those of SecretNames.cs: a typo would leave the app's Key Vault reference unresolved.
        var text = File.ReadAllText(Hook);

        Assert.Contains($"secrets=\"{SecretNames.PseudonymKey} {SecretNames.ApprovalSigningKey}\"", text, StringComparison.Ordinal);
        Assert.NotEqual(UnixFileMode.None, File.GetUnixFileMode(Hook) & UnixFileMode.UserExecute);
    }

    public void Dispose() => az.Dispose();
}
