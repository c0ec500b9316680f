using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessIR.Adapters.Configuration;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Secrets;

/// <summary>Registers where secrets are read (<see cref="ISecretStore"/>) and where rotation writes them (<see cref="ISecretVault"/>).</summary>
public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Key Vault when <c>ServerlessIR:KeyVault:Uri</c> (or <c>KeyVault:VaultUri</c>) is set, for reading, and for rotation unless
    /// <c>ServerlessIR:KeyVault:RotationUri</c> names a vault of its own;
    /// else secrets are read from configuration (<c>ServerlessIR:Secrets</c>) and the host supplies the vault rotation writes to.
    /// </summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var vault = configuration["ServerlessIR:KeyVault:Uri"] ?? configuration["KeyVault:VaultUri"];
        if (string.IsNullOrEmpty(vault))
        {
            services.TryAddSingleton<ISecretStore>(_ => new ConfigurationSecretStore(configuration));
            return services;
        }
        services.TryAddSingleton<ISecretStore>(_ => new KeyVaultSecretStore(
            new SecretClient(new Uri(vault), AppCredential.For(configuration["ServerlessIR:Graph:ManagedIdentityClientId"] ?? configuration["AZURE_CLIENT_ID"])), TimeProvider.System));
        // In Azure the secrets containment rotates live in a vault of their own, the only one the app may write to.
        var rotationVault = configuration["ServerlessIR:KeyVault:RotationUri"] is { Length: > 0 } rotation ? rotation : vault;
        services.TryAddSingleton<ISecretVault>(_ => new KeyVaultSecretVault(new SecretClient(new Uri(rotationVault), AppCredential.For(configuration["AZURE_CLIENT_ID"]))));
        return services;
    }
}
