using Azure.Data.Tables;
using Azure.Storage.Blobs;
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

    public async Task InitializeAsync() => account = await TestAzurite.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
