using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessIR.Adapters.Configuration;
using ServerlessIR.Adapters.Containment;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Notifications;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Salesforce;
using ServerlessIR.Adapters.Secrets;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Sources;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters;

/// <summary>The registrations both hosts share: storage, playbook, secrets, ingestion, adapters and HTTP handlers.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddServerlessIR(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // First, so an unresolved Key Vault reference fails start-up with the secret's name rather than as a bad value.
        services.AddKeyVaultReferenceCheck(configuration);

        services.AddStorage(configuration);

        var playbookPath = configuration["ServerlessIR:PlaybookPath"];
        services.AddSingleton<IPlaybookProvider>(new StaticPlaybookProvider(
            string.IsNullOrEmpty(playbookPath) ? PlaybookLoader.LoadDefault() : PlaybookLoader.LoadFile(playbookPath)));

        services.AddServerlessIRSecrets(configuration);

        services.AddSingleton<IIncidentStore, TableIncidentStore>();
        services.AddSingleton<IPayloadStore, BlobPayloadStore>();
        services.AddSingleton<RejectedEventStore>();
        services.AddSingleton<ISignalSource, AiDataLeakSource>();
        services.AddSingleton<ISignalSource, SalesforceEventMonitoringSource>();
        services.AddSingleton<ISignalSource, AzureMonitorAlertSource>();
        services.AddSingleton<ISignalSource, SmokeTestSource>();
        services.Configure<IngestionOptions>(_ => { });
        services.AddSingleton<IngestionService>();
        services.AddSalesforceRelay(configuration);

        services.AddHttpClient(SalesforceClientFactory.HttpClientName);
        services.AddOptions<SalesforceOptions>().Bind(configuration.GetSection("ServerlessIR:Salesforce"));
        services.AddSingleton<ISalesforceClientFactory, SalesforceClientFactory>();
        services.AddServerlessIRContainment(configuration);

        services.AddEvidence(configuration);
        services.AddServerlessIRNotifications(configuration);
        services.AddServerlessIRApprovalPages(configuration);

        services.AddSingleton<EventsHandler>();
        services.AddSingleton<IncidentsHandler>();
        services.AddServerlessIRCallerIdentity(configuration);
        services.AddSingleton<IncidentActionsHandler>();
        return services;
    }
}
