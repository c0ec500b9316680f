using ServerlessIR.Core.Containment;

namespace ServerlessIR.StandIns.KeyVault;

/// <summary>
/// The local host's Key Vault for rotation: versions with tags and an enabled flag, like Key Vault's. Production uses
/// <c>KeyVaultSecretVault</c> on <c>SecretClient</c>; this keeps drills free of a cloud account.
/// </summary>
public sealed class InMemorySecretVault : ISecretVault
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<StoredVersion>> secrets = new(StringComparer.Ordinal);

    public Task<string?> FindVersionByTagAsync(string name, string tag, string value, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(secrets.GetValueOrDefault(name)?.FirstOrDefault(v => v.Tags.GetValueOrDefault(tag) == value)?.Version);
        }
    }

    public Task<string> SetAsync(string name, string secretValue, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        lock (gate)
        {
            var version = Guid.NewGuid().ToString("N");
            if (!secrets.TryGetValue(name, out var versions))
            {
                secrets[name] = versions = [];
            }
            versions.Add(new StoredVersion(version, secretValue, new Dictionary<string, string>(tags, StringComparer.Ordinal)) { Enabled = true });
            return Task.FromResult(version);
        }
    }

    public Task<IReadOnlyList<string>> DisableAllExceptAsync(string name, string keepVersion, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var disabled = new List<string>();
            foreach (var version in secrets.GetValueOrDefault(name) ?? [])
            {
                if (version.Version != keepVersion && version.Enabled)
                {
                    version.Enabled = false;
                    disabled.Add(version.Version);
                }
            }
            return Task.FromResult<IReadOnlyList<string>>(disabled);
        }
    }

    /// <summary>Seeds the leaked current version of a secret.</summary>
    public void Seed(string name, string value) => SetAsync(name, value, new Dictionary<string, string>()).GetAwaiter().GetResult();

    /// <summary>(version, enabled, tagged) of each version, for tests; never the values.</summary>
    public IReadOnlyList<(string Version, bool Enabled, IReadOnlyDictionary<string, string> Tags)> Versions(string name)
    {
        lock (gate) return [.. (secrets.GetValueOrDefault(name) ?? []).Select(v => (v.Version, v.Enabled, (IReadOnlyDictionary<string, string>)v.Tags))];
    }

    /// <summary>The value of the enabled version, if exactly one is enabled.</summary>
    public string? CurrentValue(string name)
    {
        lock (gate) return (secrets.GetValueOrDefault(name) ?? []).SingleOrDefault(v => v.Enabled)?.Value;
    }

    private sealed record StoredVersion(string Version, string Value, Dictionary<string, string> Tags)
    {
        public bool Enabled { get; set; }
    }
}
