using Azure;
using Azure.Security.KeyVault.Secrets;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Secrets;

/// <summary>Secrets from Key Vault through the app's managed identity (RBAC, no access keys).</summary>
public sealed class KeyVaultSecretStore : ISecretStore
{
    private readonly SecretClient client;

    public KeyVaultSecretStore(SecretClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
    }

    public async Task<string> GetSecretAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            var secret = await client.GetSecretAsync(name, cancellationToken: ct);
            return secret.Value.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new KeyNotFoundException($"Secret '{name}' does not exist in Key Vault.", ex);
        }
    }
}
