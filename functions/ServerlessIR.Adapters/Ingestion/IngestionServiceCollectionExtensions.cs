using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.Core.Ingestion.Polling;
using ServerlessIR.Core.Ingestion.Sources;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Registers ingestion (payload store, signal sources, correlation index, the service that turns events into incident
/// actions) and the Salesforce-to-Event-Grid relay (section <c>ServerlessIR:Relay</c>: reader, marks, publisher and the
/// poller over them).
/// </summary>
public static class IngestionServiceCollectionExtensions
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IPayloadStore, BlobPayloadStore>();
        services.AddSingleton<RejectedEventStore>();
        services.AddSingleton<ISignalSource, AiDataLeakSource>();
        services.AddSingleton<ISignalSource, SalesforceEventMonitoringSource>();
        services.AddSingleton<ISignalSource, AzureMonitorAlertSource>();
        services.AddSingleton<ISignalSource, SmokeTestSource>();
        services.AddSingleton<ISignalSource>(sp => new ExerciseSignalSource(sp.GetRequiredService<IPlaybookProvider>(),
            [new AiDataLeakSource(), new SalesforceEventMonitoringSource(sp.GetRequiredService<IPlaybookProvider>()),
             new AzureMonitorAlertSource(sp.GetRequiredService<IPlaybookProvider>())]));
        services.AddSingleton<DeliveryClaims>();
        services.AddSingleton<IncidentStarter>();
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).Configure(o =>
            o.DrillTrustedSources = configuration.GetSection("ServerlessIR:Local:DrillTrustedSources").Get<string[]>() ?? []);
        services.AddSingleton<ICorrelationIndex, TableCorrelationIndex>();
        services.AddSingleton<IJoinLedger, TableJoinLedger>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<DeliveryGate>();

        services.AddOptions<RelayOptions>().Bind(configuration.GetSection(RelayOptions.SectionName));
        services.AddSingleton<IEventStoreReader, SalesforceEventStoreReader>();
        services.AddSingleton<IHighWaterMarkStore, TableHighWaterMarkStore>();
        services.AddSingleton<IRelayPublisher, EventGridRelayPublisher>();
        services.AddSingleton(sp => new SalesforceEventStorePoller(
            sp.GetRequiredService<IPlaybookProvider>(),
            sp.GetRequiredService<IEventStoreReader>(),
            sp.GetRequiredService<IHighWaterMarkStore>(),
            sp.GetRequiredService<IRelayPublisher>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
