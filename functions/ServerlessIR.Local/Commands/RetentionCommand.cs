using System.CommandLine;
using System.Globalization;
using Azure.Data.Tables;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Retention;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Retention;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// <c>ir retention [--dry-run] [--task-hub NAME]</c>: the Functions app's daily <c>RetentionSweep</c>, run once against
/// the local Azurite (started when it is not running): purges ended durable instances of every local task hub (or the one
/// named), raw alerts, rejected events, delivery claims and dead letters past their periods (<c>ServerlessIR:Retention</c>
/// defaults), prints the counts per store, and records them in the <c>RetentionSweeps</c> table.
/// </summary>
internal sealed class RetentionCommand : Command
{
    private const string InstancesSuffix = "Instances";
    private const string HistorySuffix = "History";

    public RetentionCommand()
        : base("retention", "Purge what the local stores hold past its retention period (durable history, raw alerts, rejected events, claims, dead letters); evidence is kept")
    {
        Options.Add(DryRun);
        Options.Add(TaskHub);
        SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(DryRun), result.GetValue(TaskHub), result.InvocationConfiguration.Output, cancellationToken));
    }

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Count what would be purged; delete and record nothing" };

    public Option<string?> TaskHub { get; } = new("--task-hub")
    {
        Description = "Purge only this durable task hub [default: every task hub in the local Azurite]",
        HelpName = "NAME",
    };

    private static async Task<int> RunAsync(bool dryRun, string? taskHub, TextWriter stdout, CancellationToken cancellationToken)
    {
        var paths = LocalPaths.Discover();
        // The same Azurite (port, IR_AZURITE_PORT, and data folder) that ir drill and ir serve use.
        await using var azurite = await AzuriteLauncher.EnsureAsync(paths.Root, Path.Combine(paths.State, "azurite"), new LocalPipelineOptions().AzuriteBlobPort,
            cancellationToken: cancellationToken);
        var result = await SweepAsync(azurite.ConnectionString, storagePrefix: "", taskHub, dryRun, cancellationToken);
        await WriteAsync(result, stdout);
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>
    /// One sweep of the storage behind <paramref name="connectionString"/> under <paramref name="storagePrefix"/>, through
    /// the same <see cref="RetentionSweeper"/> the Functions app registers, with a durable client per task hub.
    /// </summary>
    /// <param name="settings">More configuration, such as <c>ServerlessIR:Retention:*</c> periods.</param>
    internal static async Task<RetentionSweepResult> SweepAsync(string connectionString, string storagePrefix, string? taskHub, bool dryRun,
        CancellationToken cancellationToken, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["ServerlessIR:Storage:Prefix"] = storagePrefix,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddStorage(configuration).AddRetention(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync(cancellationToken);

        var hubs = taskHub is null ? await TaskHubsAsync(provider.GetRequiredService<TableServiceClient>(), cancellationToken) : [taskHub];
        var owned = new List<IAsyncDisposable>();
        try
        {
            var clients = new List<TaskHubClient>();
            var loggerFactory = provider.GetRequiredService<ILoggerFactory>();
            foreach (var hub in hubs)
            {
                var sidecar = await AzureStorageSidecar.StartAsync(connectionString, hub, loggerFactory, cancellationToken);
                owned.Add(sidecar);
                var channel = GrpcChannel.ForAddress(sidecar.Address);
                var client = new ServiceCollection().AddLogging().AddDurableTaskClient(b => b.UseGrpc(channel)).BuildServiceProvider();
                owned.Add(client);
                owned.Add(new ChannelOwner(channel));
                clients.Add(new TaskHubClient(hub, client.GetRequiredService<DurableTaskClient>()));
            }
            return await provider.GetRequiredService<RetentionSweeper>().SweepAsync(clients, dryRun, cancellationToken);
        }
        finally
        {
            for (var i = owned.Count - 1; i >= 0; i--)
            {
                await owned[i].DisposeAsync();
            }
        }
    }

    /// <summary>Every durable task hub in the account: a table <c>{hub}Instances</c> beside <c>{hub}History</c>.</summary>
    private static async Task<List<string>> TaskHubsAsync(TableServiceClient tables, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            names.Add(table.Name);
        }
        return [.. names.Where(n => n.EndsWith(InstancesSuffix, StringComparison.Ordinal))
            .Select(n => n[..^InstancesSuffix.Length])
            .Where(hub => hub.Length > 0 && names.Contains(hub + HistorySuffix))
            .Order(StringComparer.Ordinal)];
    }

    private static async Task WriteAsync(RetentionSweepResult result, TextWriter stdout)
    {
        await stdout.WriteLineAsync(result.DryRun
            ? $"Retention sweep at {Iso(result.SweptAt)}, dry run: counted, nothing deleted or recorded"
            : $"Retention sweep at {Iso(result.SweptAt)}");
        foreach (var store in result.Stores)
        {
            var name = store.Scope is null ? store.Store.ToString() : $"{store.Store} ({store.Scope})";
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-48} {store.Purged,7} {(result.DryRun ? "to purge" : "purged")}, older than {Iso(store.Cutoff)}{(store.Error is null ? "" : "  FAILED: " + store.Error)}"));
        }
        await stdout.WriteLineAsync(result.DryRun ? "Evidence, anchors, incident records and notices are never swept."
            : $"{result.Total} item(s) purged; recorded in the RetentionSweeps table. Evidence, anchors, incident records and notices are never swept.");
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed class ChannelOwner(GrpcChannel channel) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            channel.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
