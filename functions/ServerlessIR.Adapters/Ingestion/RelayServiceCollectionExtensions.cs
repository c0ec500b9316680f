using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Ingestion.Polling;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>Registers the Salesforce-to-Event-Grid relay: reader, marks, publisher and the poller over them.</summary>
public static class RelayServiceCollectionExtensions
{
    public static IServiceCollection AddSalesforceRelay(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RelayOptions>().Bind(configuration.GetSection("ServerlessIR:Relay"));
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
