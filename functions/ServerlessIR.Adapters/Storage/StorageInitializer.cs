using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServerlessIR.Adapters.Storage;

/// <summary>
/// Creates every table and container of <see cref="StorageInventory"/> once, before the host takes traffic, so no store
/// has to check on its own first call.
/// </summary>
/// <remarks>
/// It runs in <see cref="StartingAsync"/>, which the host calls before any hosted service's <c>StartAsync</c> (the web
/// server's and the Functions worker's included). Creating is idempotent: a table or container that exists is left as it
/// is, and with a managed identity that may not create one that already exists (403) its existence is enough. The
/// storage may not be listening yet (Azurite starting on a loaded machine), so transient failures are retried until
/// <see cref="StorageOptions.StartupTimeout"/>, then start-up fails naming the store and the endpoint.
/// </remarks>
public sealed partial class StorageInitializer : IHostedLifecycleService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly TableServiceClient tables;
    private readonly BlobServiceClient blobs;
    private readonly StorageInventory inventory;
    private readonly TimeSpan timeout;
    private readonly TimeProvider time;
    private readonly ILogger<StorageInitializer> logger;

    public StorageInitializer(TableServiceClient tables, BlobServiceClient blobs, StorageInventory inventory, StorageOptions options,
        TimeProvider time, ILogger<StorageInitializer> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.tables = tables;
        this.blobs = blobs;
        this.inventory = inventory;
        timeout = options.StartupTimeout;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Creates what is missing; safe to call again (a host built but never started calls it itself).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var deadline = time.GetUtcNow() + timeout;
        foreach (var name in inventory.Tables)
        {
            var table = tables.GetTableClient(name);
            await CreateAsync($"table '{name}'", tables.Uri, deadline,
                ct => table.CreateIfNotExistsAsync(ct),
                async ct =>
                {
                    await using var pages = table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct)
                        .AsPages().GetAsyncEnumerator(ct);
                    await pages.MoveNextAsync();
                },
                cancellationToken);
        }
        foreach (var name in inventory.Containers)
        {
            var container = blobs.GetBlobContainerClient(name);
            await CreateAsync($"container '{name}'", blobs.Uri, deadline,
                ct => container.CreateIfNotExistsAsync(cancellationToken: ct),
                async ct =>
                {
                    if (!await container.ExistsAsync(ct))
                    {
                        throw new RequestFailedException(404, $"Container {name} does not exist.");
                    }
                },
                cancellationToken);
        }
        LogReady(logger, inventory.Tables.Count, inventory.Containers.Count);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => InitializeAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateAsync(string what, Uri endpoint, DateTimeOffset deadline, Func<CancellationToken, Task> create,
        Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await create(cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 403)
            {
                // Allowed to use it but not to create it: fine when it exists (created by infra or an earlier start).
                await ProbeAsync(what, probe, ex, cancellationToken);
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() + RetryDelay > deadline)
                {
                    throw new InvalidOperationException(
                        $"Storage did not answer within {timeout.TotalSeconds:0} s: could not create {what} at {endpoint.GetLeftPart(UriPartial.Authority)} " +
                        $"after {attempt} attempts ({ex.Message}). Is the storage account (locally: Azurite) running and reachable?", ex);
                }
                LogRetry(logger, what, attempt, ex.Message);
                await Task.Delay(RetryDelay, time, cancellationToken);
            }
        }
    }

    private static async Task ProbeAsync(string what, Func<CancellationToken, Task> probe, RequestFailedException refused, CancellationToken cancellationToken)
    {
        try
        {
            await probe(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 403 or 404)
        {
            throw new InvalidOperationException(
                $"Storage refused to create {what} ({refused.ErrorCode ?? "403"}) and it does not exist or cannot be read: " +
                "the app's identity needs Storage Table Data Contributor and Storage Blob Data Contributor on the account.", refused);
        }
    }

    // Status 0 is the SDK's report of a connection that failed before any response (nothing listening yet).
    private static bool IsTransient(Exception ex) => ex switch
    {
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or TimeoutException => true,
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => false,
    };

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Storage ready: {Tables} tables and {Containers} containers")]
    private static partial void LogReady(ILogger logger, int tables, int containers);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Storage not ready for {What} (attempt {Attempt}): {Reason}; retrying")]
    private static partial void LogRetry(ILogger logger, string what, int attempt, string reason);
}
