using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessIR.Adapters.Storage;

namespace ServerlessIR.Adapters.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(string prefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["ServerlessIR:Storage:Prefix"] = prefix,
        }).Build();
        return new ServiceCollection().AddLogging().AddStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddStorage_WithPrefix_InventoryHoldsEveryNameWithThePrefixIncludingEvidence()
    {
        using var services = Build("p1");

        var inventory = services.GetRequiredService<StorageInventory>();

        Assert.Contains("p1Evidence", inventory.Tables);
        Assert.Contains("p1EvidenceAnchors", inventory.Tables);
        Assert.Contains("p1approvaltokens", inventory.Tables);
        Assert.Contains("p1evidence", inventory.Containers);
        Assert.Equal(inventory.Containers.Distinct().Count(), inventory.Containers.Count);
        Assert.All(inventory.Tables.Concat(inventory.Containers), name => Assert.StartsWith("p1", name, StringComparison.Ordinal));
    }

    [Fact]
    public void AddStorage_Always_RegistersTheInitializerAsAHostedLifecycleService()
    {
        using var services = Build("");

        var hosted = services.GetServices<IHostedService>();

        Assert.IsAssignableFrom<IHostedLifecycleService>(Assert.Single(hosted.OfType<StorageInitializer>()));
    }
}
