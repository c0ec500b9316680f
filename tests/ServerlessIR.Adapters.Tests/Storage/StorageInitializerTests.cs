using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Adapters.Tests.Storage;

/// <summary>Start-up creation of every table and container, against the run's Azurite and against nothing at all.</summary>
[Trait("Category", "Storage")]
[Collection(Evidence.AzuriteCollection.Name)]
public sealed class StorageInitializerTests(AzuriteFixture azurite)
{
    private static TableNames NewNames(string hint) => new(new StorageOptions { Prefix = TestStorageAccount.NewPrefix(hint) });

    private StorageInitializer Initializer(StorageInventory inventory, TableServiceClient? tables = null, BlobServiceClient? blobs = null,
        TimeSpan? timeout = null) =>
        new(tables ?? azurite.Tables, blobs ?? azurite.Blobs, inventory, new StorageOptions { StartupTimeout = timeout ?? TimeSpan.FromSeconds(30) },
            TimeProvider.System, NullLogger<StorageInitializer>.Instance);

    [Fact]
    public async Task InitializeAsync_FreshPrefix_CreatesEveryTableAndContainerWithThePrefix()
    {
        var names = NewNames("init");
        var inventory = new StorageInventory(names.Tables, names.Containers);

        await Initializer(inventory).InitializeAsync();

        var tables = new List<string>();
        await foreach (var table in azurite.Tables.QueryAsync())
        {
            if (table.Name.StartsWith(names.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                tables.Add(table.Name);
            }
        }
        var containers = new List<string>();
        await foreach (var container in azurite.Blobs.GetBlobContainersAsync(prefix: names.Prefix))
        {
            containers.Add(container.Name);
        }
        Assert.Equal(names.Tables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.Equal(names.Containers.Order(StringComparer.Ordinal), containers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InitializeAsync_RunAgainOnExistingStorage_KeepsWhatIsStored()
    {
        var names = NewNames("again");
        var inventory = new StorageInventory(names.Tables, names.Containers);
        await Initializer(inventory).InitializeAsync();
        var table = azurite.Tables.GetTableClient(names.Incidents);
        await table.AddEntityAsync(new TableEntity("incident", "inc-kept"));
        await azurite.Blobs.GetBlobContainerClient(names.NoticeDraftContainer).UploadBlobAsync("kept.json", BinaryData.FromString("{}"));

        await Initializer(inventory).InitializeAsync();

        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("incident", "inc-kept")).HasValue);
        Assert.True(await azurite.Blobs.GetBlobContainerClient(names.NoticeDraftContainer).GetBlobClient("kept.json").ExistsAsync());
    }

    [Fact]
    public async Task InitializeAsync_NothingListening_FailsAfterTheDeadlineNamingTableAndEndpoint()
    {
        var port = AzuriteLauncher.FreePort();
        var connection = AzuriteLauncher.ConnectionStringFor(port);
        var tables = new TableServiceClient(connection, new TableClientOptions { Retry = { MaxRetries = 0 } });
        var blobs = new BlobServiceClient(connection, new BlobClientOptions { Retry = { MaxRetries = 0 } });
        var names = NewNames("down");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Initializer(new StorageInventory(names.Tables, []), tables, blobs, TimeSpan.FromSeconds(2)).InitializeAsync());

        Assert.Contains($"table '{names.Incidents}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer within 2 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:", failure.Message, StringComparison.Ordinal);
    }
}
