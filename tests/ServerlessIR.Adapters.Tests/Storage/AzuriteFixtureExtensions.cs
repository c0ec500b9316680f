using Microsoft.Extensions.Logging.Abstractions;
using ServerlessIR.Adapters.Storage;

namespace ServerlessIR.Adapters.Tests.Storage;

/// <summary>
/// Creates tables and containers the way the hosts do at start-up (<see cref="StorageInitializer"/>), for stores a test
/// builds by hand: stores never create what they use.
/// </summary>
public static class AzuriteFixtureExtensions
{
    public static Task CreateAsync(this AzuriteFixture azurite, IReadOnlyList<string> tables, IReadOnlyList<string>? containers = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new StorageInitializer(azurite.Tables, azurite.Blobs, new StorageInventory(tables, containers ?? []), new StorageOptions(),
            TimeProvider.System, NullLogger<StorageInitializer>.Instance).InitializeAsync();
    }

    /// <summary>Creates every table and container of <paramref name="names"/> (one test's prefix).</summary>
    public static Task CreateAsync(this AzuriteFixture azurite, TableNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return azurite.CreateAsync(names.Tables, names.Containers);
    }
}
