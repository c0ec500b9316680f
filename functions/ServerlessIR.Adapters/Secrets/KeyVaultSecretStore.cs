using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Secrets;

/// <summary>Secrets from Azure Key Vault through <see cref="SecretClient"/>, cached for a few minutes so a rotation is seen soon.</summary>
public sealed class KeyVaultSecretStore(SecretClient client, TimeProvider time) : ISecretStore
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public async Task<string> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(name, out var hit) && hit.Until > now)
        {
            return hit.Value;
        }
        try
        {
            var secret = await client.GetSecretAsync(name, cancellationToken: cancellationToken);
            cache[name] = (secret.Value.Value, now + CacheFor);
            return secret.Value.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new KeyNotFoundException($"Key Vault has no secret named '{name}'.");
        }
    }
}
