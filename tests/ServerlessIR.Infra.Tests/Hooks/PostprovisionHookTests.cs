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
        ["KEY_VAULT_OPERATOR_ACCESS"] = "true",
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

    [Fact]
    public void Run_NoOperatorAccessAndVaultRefuses_NotesItOnceAndSucceedsWithoutWriting()
    {
        az.RefuseNext(100);

        var result = az.Run(Hook, Without(Environment, "KEY_VAULT_OPERATOR_ACCESS"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("KEY_VAULT_OPERATOR_ACCESS", result.Error, StringComparison.Ordinal);
        Assert.Single(az.Calls);
        Assert.DoesNotContain(az.Calls, call => call.StartsWith("keyvault secret set", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_NoOperatorAccessButVaultAnswers_StillCreatesMissingKeys()
    {
        var result = az.Run(Hook, Without(Environment, "KEY_VAULT_OPERATOR_ACCESS"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.NotNull(az.Secret(SecretNames.PseudonymKey));
    }

    [Fact]
    public void Run_EvidencePolicyLockPending_LocksWithTheEtagAndRecordsItInAzd()
    {
        az.EvidencePolicy = "Unlocked\n\"etag-1\"\n";

        var result = az.Run(Hook, With(Environment, ("EVIDENCE_POLICY_LOCK_PENDING", "true"), ("AZURE_RESOURCE_GROUP", "rg-test"), ("AZURE_STORAGE_ACCOUNT_NAME", "sttest")));

        Assert.True(result.ExitCode == 0, result.Error);
        var call = Assert.Single(az.Calls, c => c.StartsWith("storage container immutability-policy lock", StringComparison.Ordinal));
        Assert.Contains("--container-name evidence", call, StringComparison.Ordinal);
        Assert.Contains("--if-match \"etag-1\"", call, StringComparison.Ordinal);
        Assert.StartsWith("Locked", az.EvidencePolicy, StringComparison.Ordinal);
        Assert.Equal(["env set EVIDENCE_POLICY_LOCKED true"], az.AzdCalls);
    }

    [Fact]
    public void Run_EvidencePolicyAlreadyLocked_OnlyRecordsIt()
    {
        az.EvidencePolicy = "Locked\n\"etag-1\"\n";

        var result = az.Run(Hook, With(Environment, ("EVIDENCE_POLICY_LOCK_PENDING", "true"), ("AZURE_RESOURCE_GROUP", "rg-test"), ("AZURE_STORAGE_ACCOUNT_NAME", "sttest")));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain(az.Calls, c => c.StartsWith("storage container immutability-policy lock", StringComparison.Ordinal));
        Assert.Equal(["env set EVIDENCE_POLICY_LOCKED true"], az.AzdCalls);
    }

    [Fact]
    public void Run_NoLockPending_NeverTouchesThePolicy()
    {
        var result = az.Run(Hook, Environment);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain(az.Calls, c => c.Contains("immutability-policy", StringComparison.Ordinal));
        Assert.Empty(az.AzdCalls);
    }

    private static Dictionary<string, string> Without(Dictionary<string, string> environment, string name) =>
        environment.Where(p => p.Key != name).ToDictionary(StringComparer.Ordinal);

    private static Dictionary<string, string> With(Dictionary<string, string> environment, params (string Name, string Value)[] values)
    {
        var result = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            result[name] = value;
        }
        return result;
    }

    public void Dispose() => az.Dispose();
}
