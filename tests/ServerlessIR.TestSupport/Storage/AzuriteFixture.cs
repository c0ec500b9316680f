using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessIR.Adapters.Storage;
using Xunit;

namespace ServerlessIR.TestSupport.Storage;

/// <summary>An xunit fixture over the run's one Azurite (<see cref="TestAzurite"/>); it starts nothing of its own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private TestStorageAccount? account;

    public TestStorageAccount Account => account ?? throw new InvalidOperationException("The fixture is not initialised.");

    public string ConnectionString => Account.ConnectionString;

    public TableServiceClient Tables => Account.Tables;

    public BlobServiceClient Blobs => Account.Blobs;

    /// <summary>
    /// Creates tables and containers the way the hosts do at start-up (<see cref="StorageInitializer"/>), for stores a test
    /// builds by hand: stores never create what they use.
    /// </summary>
    public Task CreateAsync(IReadOnlyList<string> tables, IReadOnlyList<string>? containers = null) =>
        new StorageInitializer(Tables, Blobs, new StorageInventory(tables, containers ?? []), new StorageOptions(), TimeProvider.System,
            NullLogger<StorageInitializer>.Instance).InitializeAsync();

    /// <summary>Creates every table and container of <paramref name="names"/> (one test's prefix).</summary>
    public Task CreateAsync(TableNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return CreateAsync(names.Tables, names.Containers);
    }

    public async Task InitializeAsync() => account = await TestAzurite.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
