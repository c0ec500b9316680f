using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Containment;
using ServerlessIR.Adapters.Evidence;

namespace ServerlessIR.Adapters.Storage;

/// <summary>Registers the storage account: options, clients, table and container names, and their creation at start-up.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Reads <see cref="StorageOptions"/> from <c>AzureWebJobsStorage</c>, registers <see cref="TableNames"/>, the table and
    /// blob service clients, the <see cref="StorageInventory"/> of everything the pipeline uses and the
    /// <see cref="StorageInitializer"/> that creates it before the host takes traffic.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = StorageClients.FromConfiguration(configuration);
        services.AddSingleton(storage);
        var names = new TableNames(storage);
        services.AddSingleton(names);
        // The configurable evidence names get the prefix here too, so a prefix isolates the whole pipeline.
        services.PostConfigure<EvidenceStorageOptions>(o =>
        {
            o.TableName = names.Table(o.TableName);
            o.AnchorTableName = names.Table(o.AnchorTableName);
            o.AnchorContainerName = names.Container(o.AnchorContainerName);
        });
        services.PostConfigure<ContainmentOptions>(o => o.EvidenceContainer = names.Container(o.EvidenceContainer));
        services.AddSingleton(_ => StorageClients.Tables(storage));
        services.AddSingleton(_ => StorageClients.Blobs(storage));

        services.AddSingleton(sp =>
        {
            var evidence = sp.GetRequiredService<IOptions<EvidenceStorageOptions>>().Value;
            var containment = sp.GetRequiredService<IOptions<ContainmentOptions>>().Value;
            return new StorageInventory(
                [.. names.Tables, evidence.TableName, evidence.AnchorTableName],
                [.. names.Containers.Append(evidence.AnchorContainerName).Append(containment.EvidenceContainer).Distinct(StringComparer.Ordinal)]);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StorageInitializer>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }
}
