using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Local.Commands;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// After an incident on the local host, every table and container the pipeline uses carries its storage prefix, exists
/// because start-up created it, and nothing of the pipeline's was created under a bare name.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class StorageNamesTests(LocalPipelineFixture fixture)
{
    private LocalPipeline Pipeline => fixture.Pipeline;

    [Fact]
    public async Task Incident_RunToTheEnd_EveryTableAndContainerCarriesThePrefix()
    {
        using var output = new StringWriter();
        var exit = await Cli.InvokeAsync(Cli.CreateRoot(), ["smoke", "--base-url", Pipeline.ApiUrl.ToString(), "--key", Pipeline.WebhookKey], output, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());

        var inventory = Pipeline.Services.GetRequiredService<StorageInventory>();
        var prefixLength = Pipeline.Services.GetRequiredService<TableNames>().Prefix.Length;
        var tables = new List<string>();
        await foreach (var table in new TableServiceClient(Pipeline.Azurite.ConnectionString).QueryAsync())
        {
            tables.Add(table.Name);
        }
        var containers = new List<string>();
        await foreach (var container in new BlobServiceClient(Pipeline.Azurite.ConnectionString).GetBlobContainersAsync())
        {
            containers.Add(container.Name);
        }

        Assert.All(inventory.Tables.Concat(inventory.Containers), name => Assert.StartsWith(fixture.StoragePrefix, name, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(inventory.Tables.Except(tables, StringComparer.OrdinalIgnoreCase));
        Assert.Empty(inventory.Containers.Except(containers, StringComparer.Ordinal));
        // Ours beyond the inventory would be a store that names its table itself; a bare name, one that skips the prefix.
        Assert.Empty(tables.Where(Ours).Except(inventory.Tables, StringComparer.OrdinalIgnoreCase));
        Assert.Empty(containers.Where(Ours).Except(inventory.Containers, StringComparer.Ordinal));
        var bare = inventory.Tables.Concat(inventory.Containers).Select(name => name[prefixLength..]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(tables.Concat(containers), bare.Contains);
    }

    private bool Ours(string name) => name.StartsWith(fixture.StoragePrefix, StringComparison.OrdinalIgnoreCase);
}
