using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Core.Secrets;
using ServerlessIR.Local.Evidence;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// Storage for the commands that read the local Azurite (started when it is not running): <c>ir evidence ...</c> and
/// <c>ir bench evidence</c>. <c>ir evidence verify --export DIR</c> needs none and never comes here.
/// </summary>
public static class LocalStorageCommands
{
    /// <summary>Runs <paramref name="work"/> against the local Azurite, started first when it is not running.</summary>
    public static async Task<int> WithStorageAsync(Func<EvidenceCommandContext, Task<int>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var (azurite, context) = await ConnectAsync(cancellationToken);
        await using (azurite)
        {
            await using var keys = await LocalAnchorKeys.StartAsync(LocalSecrets.LoadOrCreate(LocalPaths.Discover().State), cancellationToken);
            return await work(context with { Signatures = keys.Verifier });
        }
    }

    public static async Task<int> BenchEvidenceAsync(TextWriter stdout, CancellationToken cancellationToken)
    {
        var (azurite, context) = await ConnectAsync(cancellationToken);
        await using (azurite)
        {
            return await EvidenceBench.RunAsync(context, stdout, cancellationToken: cancellationToken);
        }
    }

    private static async Task<(AzuriteLauncher, EvidenceCommandContext)> ConnectAsync(CancellationToken cancellationToken)
    {
        var paths = LocalPaths.Discover();
        // The same Azurite (port, IR_AZURITE_PORT, and data folder) that ir drill and ir serve use.
        var azurite = await AzuriteLauncher.EnsureAsync(paths.Root, Path.Combine(paths.State, "azurite"), new LocalPipelineOptions().AzuriteBlobPort,
            cancellationToken: cancellationToken);
        var secrets = LocalSecrets.LoadOrCreate(paths.State);
        var options = new EvidenceStorageOptions { PseudonymKey = secrets[SecretNames.PseudonymKey] };
        return (azurite, new EvidenceCommandContext(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString), options));
    }
}
