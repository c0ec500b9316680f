using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The two registrations only the local host makes, over those of either host's composition root: the Key Vault stand-in
/// that rotation writes to, and the incident runtime (a drill's time scale and horizon) bound from
/// <see cref="IncidentRuntimeOptions.SectionName"/>, which the local host puts in configuration.
/// </summary>
public static class LocalServices
{
    /// <remarks>Call after the composition root: these replace what it registered (the Functions app's real time included).</remarks>
    public static IServiceCollection AddLocalOnlyServices(this IServiceCollection services, IConfiguration configuration, ISecretVault secretVault)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(secretVault);
        services.AddSingleton(secretVault);
        services.AddKeyedSingleton<Azure.Core.TokenCredential>(ServerlessIR.Adapters.Evidence.EvidenceServiceCollectionExtensions.SigningCredentialKey, new StandInTokenCredential());
        services.AddOptions<IncidentRuntimeOptions>().Bind(configuration.GetSection(IncidentRuntimeOptions.SectionName));
        return services;
    }
}
