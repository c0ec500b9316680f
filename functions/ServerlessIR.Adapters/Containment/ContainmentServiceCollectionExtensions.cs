using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ServerlessIR.Adapters.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Containment;

/// <summary>
/// Registers the containment adapters (section <c>ServerlessIR:Containment</c>): write-once records, the AI feature switch and
/// the rotation hooks. The Key Vault that rotation writes to comes with the secrets (<c>AddSecrets</c>).
/// </summary>
public static class ContainmentServiceCollectionExtensions
{
    public static IServiceCollection AddContainment(this IServiceCollection services, IConfiguration configuration)
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

        // The step gate: kill switch from this section (re-read per step), budgets in their table. A local host scopes its
        // budgets (ServerlessIR:Local:BudgetScope, the drill's task hub) so drills never spend each other's slots.
        services.TryAddSingleton<IContainmentKillSwitch, OptionsKillSwitch>();
        var budgetScope = configuration["ServerlessIR:Local:BudgetScope"];
        services.TryAddSingleton<IContainmentBudget>(sp => new TableContainmentBudget(
            sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TableNames>(), budgetScope));
        services.TryAddSingleton<StepGate>();
        return services;
    }
}
