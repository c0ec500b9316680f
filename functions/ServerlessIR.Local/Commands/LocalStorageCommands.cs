using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Core.Secrets;
using ServerlessIR.Local.Evidence;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Commands;

/// <summary>Commands that read the local Azurite (started when it is not running): <c>ir evidence ...</c> and <c>ir bench evidence</c>.</summary>
public static class LocalStorageCommands
{
    public static async Task<int> EvidenceAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Offline verification of an export needs no storage at all.
        if (args.Length >= 3 && args[0] == "verify" && args[1] == "--export")
        {
            // Clients are built lazily and never called on this path: nothing here reaches Azure or Azurite.
            var offline = new EvidenceCommandContext(new TableServiceClient("UseDevelopmentStorage=true"),
                new BlobServiceClient("UseDevelopmentStorage=true"), new EvidenceStorageOptions());
            return await EvidenceCommand.RunAsync(args, offline, stdout, stderr);
        }
        var (azurite, context) = await ConnectAsync(cancellationToken);
        await using (azurite)
        {
            return await EvidenceCommand.RunAsync(args, context, stdout, stderr);
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
