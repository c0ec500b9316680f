using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.TestSupport.Storage;

/// <summary>
/// The test run's one Azurite. <c>./test.sh</c> starts it once, in memory, and names its blob port in
/// <c>IR_TEST_AZURITE_PORT</c> (queue and table follow); every test that needs storage uses it, isolated by its own
/// table and container prefix and its own task hub (<see cref="TestStorageAccount"/>). Run outside <c>test.sh</c> (an
/// IDE, a bare <c>dotnet test</c>), the first test that asks starts one for this test process and stops it at exit.
/// </summary>
public static class TestAzurite
{
    /// <summary>The one setting: the blob port of the run's Azurite.</summary>
    public const string PortVariable = "IR_TEST_AZURITE_PORT";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestStorageAccount? account;

    public static async Task<TestStorageAccount> GetAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (account is not null)
            {
                return account;
            }
            var root = AzuriteLauncher.FindRepositoryRoot();
            // Reuses the Azurite listening on the given port (test.sh's); starts one in memory only when nothing listens.
            var launcher = int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var given)
                ? await AzuriteLauncher.EnsureAsync(root, location: null, given, cancellationToken: cancellationToken)
                : await AzuriteLauncher.StartOnFreePortsAsync(root, location: null, cancellationToken);
            if (launcher.StartedHere)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => launcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            account = new TestStorageAccount(launcher.BlobPort);
            return account;
        }
        finally
        {
            Gate.Release();
        }
    }
}
