using Microsoft.Extensions.Configuration;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Secrets;

/// <summary>Secrets from configuration section <c>ServerlessIR:Secrets</c>: the local host fills it from its git-ignored state folder.</summary>
public sealed class ConfigurationSecretStore(IConfiguration configuration) : ISecretStore
{
    public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var value = configuration[$"ServerlessIR:Secrets:{name}"];
        return value is null
            ? throw new KeyNotFoundException($"No secret named '{name}' is configured (ServerlessIR:Secrets:{name}).")
            : Task.FromResult(value);
    }
}
