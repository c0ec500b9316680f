using Azure;
using Azure.Core;
using Microsoft.DurableTask;
using Moq;
using ServerlessIR.Adapters.Secrets;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Tests.Secrets;

/// <summary>
/// The real <see cref="KeyVaultSecretVault"/> and <see cref="KeyVaultSecretStore"/> on a real <c>SecretClient</c>, against the
/// HTTPS Key Vault stand-in (challenge round trip included), driven by the rotation activity as containment runs it.
/// </summary>
public sealed class KeyVaultSecretVaultTests : IAsyncLifetime
{
    private const string SecretName = "bnpl-scoring-connector-consumer-secret";
    private readonly CountingIssuer issuer = new();
    private readonly Playbook playbook = PlaybookLoader.LoadDefault();
    private KeyVaultStandIn vault = null!;
    private FakeCredential credential = null!;

    public async Task InitializeAsync()
    {
        vault = await KeyVaultStandIn.StartAsync();
        credential = new FakeCredential(vault.AccessToken);
    }

    public async Task DisposeAsync() => await vault.DisposeAsync();

    [Fact]
    public async Task RotateKeyVaultSecret_LeakedVersion_WritesOneTaggedVersionAndDisablesLeaked()
    {
        var leaked = vault.Seed(SecretName, "leaked-" + Guid.NewGuid().ToString("N"));
        var request = Request();

        var outcome = await Rotate(request);

        Assert.Equal(ContainmentStatus.Succeeded, outcome.Status);
        var versions = vault.Versions(SecretName);
        Assert.Equal(2, versions.Count);
        Assert.False(versions.Single(v => v.Version == leaked).Enabled);
        var fresh = Assert.Single(versions, v => v.Enabled);
        Assert.Equal($"{request.IdempotencyKey}/{SecretName}", fresh.Tags[RotateKeyVaultSecretActivity.RotationTag]);
        Assert.Equal(request.IncidentId, fresh.Tags["serverlessir-incident"]);
        Assert.Equal(1, issuer.Calls);
        // The first call was challenged, the token was asked for the vault's scope, and the rest went through with it.
        Assert.Equal(401, vault.Calls[0].Status);
        Assert.Contains("https://vault.azure.net/.default", credential.Scopes);
        Assert.Single(vault.Calls, c => c.Method == "PUT" && c.Status == 200);
        Assert.Single(vault.Calls, c => c.Method == "PATCH" && c.Status == 200);
        Assert.DoesNotContain(issuer.Issued, outcome.Before!.ToJsonString() + outcome.After!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateKeyVaultSecret_Retry_FindsTaggedVersionWithoutWritingAnother()
    {
        vault.Seed(SecretName, "leaked-" + Guid.NewGuid().ToString("N"));
        var request = Request();

        await Rotate(request);
        var retry = await Rotate(request);

        Assert.Equal(ContainmentStatus.AlreadyDone, retry.Status);
        Assert.Equal(2, vault.Versions(SecretName).Count);
        Assert.Equal(1, issuer.Calls);
        Assert.Single(vault.Calls, c => c.Method == "PUT" && c.Status == 200);
    }

    [Fact]
    public async Task RotateKeyVaultSecret_RetryAfterWriteBeforeDisable_DisablesLeakedWithoutIssuingAgain()
    {
        var leaked = vault.Seed(SecretName, "leaked-" + Guid.NewGuid().ToString("N"));
        var request = Request();
        // The first attempt died between writing the new version and disabling the old one.
        var written = await new KeyVaultSecretVault(vault.CreateClient(credential)).SetAsync(SecretName, "fresh-" + Guid.NewGuid().ToString("N"),
            new Dictionary<string, string>(StringComparer.Ordinal) { [RotateKeyVaultSecretActivity.RotationTag] = $"{request.IdempotencyKey}/{SecretName}" });

        var outcome = await Rotate(request);

        Assert.Equal(ContainmentStatus.Succeeded, outcome.Status);
        Assert.Equal(0, issuer.Calls);
        Assert.Equal(written, Assert.Single(vault.Versions(SecretName), v => v.Enabled).Version);
        Assert.False(vault.Versions(SecretName).Single(v => v.Version == leaked).Enabled);
    }

    [Fact]
    public async Task SetAsync_VaultRefusesWrite_ExceptionCarriesNoSecretValue()
    {
        vault.RefuseWritesWith = 403;
        var value = "fresh-" + Guid.NewGuid().ToString("N");
        var client = new KeyVaultSecretVault(vault.CreateClient(credential));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetAsync(SecretName, value, new Dictionary<string, string>()));

        Assert.Equal(403, error.Status);
        Assert.DoesNotContain(value, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(vault.Versions(SecretName));
    }

    [Fact]
    public async Task GetSecretAsync_AfterRotation_ServesNewValueAndMissingNameWithoutValue()
    {
        vault.Seed(SecretName, "leaked-" + Guid.NewGuid().ToString("N"));
        await Rotate(Request());
        var store = new KeyVaultSecretStore(vault.CreateClient(credential), TimeProvider.System);

        Assert.Equal(issuer.Issued, await store.GetSecretAsync(SecretName));
        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => store.GetSecretAsync("no-such-secret"));
        Assert.Contains("no-such-secret", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(issuer.Issued, missing.ToString(), StringComparison.Ordinal);
    }

    private static ContainmentRequest Request() =>
        new("inc-" + Guid.NewGuid().ToString("N")[..8], 4, "keyvault.rotate-secret", "northwind-prod", "bnpl-credit-scoring", null);

    private Task<ContainmentOutcome> Rotate(ContainmentRequest request) =>
        new RotateKeyVaultSecretActivity(new StaticPlaybookProvider(playbook), issuer, new KeyVaultSecretVault(vault.CreateClient(credential)))
            .RunAsync(Mock.Of<TaskActivityContext>(), request);

    /// <summary>The issuer is not under test here: it mints one credential and counts how often it was asked.</summary>
    private sealed class CountingIssuer : ICredentialIssuer
    {
        public int Calls { get; private set; }
        public string Issued { get; } = "issued-" + Guid.NewGuid().ToString("N");

        public Task<string> IssueAsync(SecretRotation rotation, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(Issued);
        }
    }

    /// <summary>Hands out the stand-in's token and records the scopes asked for.</summary>
    private sealed class FakeCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
