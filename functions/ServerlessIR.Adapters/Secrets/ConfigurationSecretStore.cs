using Microsoft.Extensions.Configuration;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Secrets;

/// <summary>
/// Secrets from configuration section <c>ServerlessIR:Secrets</c> (user secrets or environment locally). Used when no
/// Key Vault is configured, which is only ever the case on a developer's machine.
/// </summary>
public sealed class ConfigurationSecretStore : ISecretStore
{
    public const string SectionName = "ServerlessIR:Secrets";

    private readonly IConfiguration configuration;

    public ConfigurationSecretStore(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        this.configuration = configuration;
    }

    public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var value = configuration.GetSection(SectionName)[name];
        return value is null
            ? throw new KeyNotFoundException($"Secret '{name}' is not configured under {SectionName}.")
            : Task.FromResult(value);
    }
}
