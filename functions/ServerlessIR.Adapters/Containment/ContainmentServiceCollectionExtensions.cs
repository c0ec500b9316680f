using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Secrets;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Containment;

/// <summary>Registers the containment adapters: write-once records, the AI feature switch, rotation hooks and the Key Vault writer.</summary>
public static class ContainmentServiceCollectionExtensions
{
    public static IServiceCollection AddServerlessIRContainment(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ContainmentOptions>().Bind(configuration.GetSection(ContainmentOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.EvidenceContainer), "ServerlessIR:Containment:EvidenceContainer is required")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ContainmentOptions>>().Value);
        services.TryAddSingleton<IContainmentRecords>(sp => new BlobContainmentRecords(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<ContainmentOptions>()));
        services.TryAddSingleton<HookSigner>();
        // No request logging: hook URLs may carry tokens, and bodies may carry credentials.
        services.AddHttpClient(HttpAiFeatureSwitch.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
        services.AddHttpClient(HttpCredentialIssuer.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
        services.TryAddSingleton<IAiFeatureSwitch, HttpAiFeatureSwitch>();
        services.TryAddSingleton<ICredentialIssuer, HttpCredentialIssuer>();
        var vault = configuration["ServerlessIR:KeyVault:Uri"] ?? configuration["KeyVault:VaultUri"];
        if (!string.IsNullOrEmpty(vault))
        {
            services.TryAddSingleton<ISecretVault>(_ => new KeyVaultSecretVault(new SecretClient(new Uri(vault),
                new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration["AZURE_CLIENT_ID"] }))));
        }
        return services;
    }
}
