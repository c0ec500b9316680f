using Azure;
using Azure.Security.KeyVault.Secrets;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Secrets;

/// <summary>Rotation's write side on Azure Key Vault (<see cref="SecretClient"/>): tagged versions, disabling old ones.</summary>
public sealed class KeyVaultSecretVault(SecretClient client) : ISecretVault
{
    public async Task<string?> FindVersionByTagAsync(string name, string tag, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(name, cancellationToken))
            {
                if (version.Tags.TryGetValue(tag, out var found) && found == value)
                {
                    return version.Version;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
        return null;
    }

    public async Task<string> SetAsync(string name, string secretValue, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(secretValue);
        ArgumentNullException.ThrowIfNull(tags);
        var secret = new KeyVaultSecret(name, secretValue);
        foreach (var (key, value) in tags)
        {
            secret.Properties.Tags[key] = value;
        }
        var stored = await client.SetSecretAsync(secret, cancellationToken);
        return stored.Value.Properties.Version;
    }

    public async Task<IReadOnlyList<string>> DisableAllExceptAsync(string name, string keepVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var disabled = new List<string>();
        await foreach (var version in client.GetPropertiesOfSecretVersionsAsync(name, cancellationToken))
        {
            if (version.Version == keepVersion || version.Enabled != true)
            {
                continue;
            }
            version.Enabled = false;
            await client.UpdateSecretPropertiesAsync(version, cancellationToken);
            disabled.Add(version.Version);
        }
        return disabled;
    }
}
