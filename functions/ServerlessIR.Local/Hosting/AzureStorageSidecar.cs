using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The durable engine on this machine: the Durable Task Framework's Azure Storage backend (the one Durable Functions uses)
/// on Azurite, exposed over gRPC by the SDK's sidecar server, so the worker and <c>DurableTaskClient</c> are the stock
/// gRPC ones: the same client API the Functions app uses. History and timers live in Azurite, so a killed process resumes.
/// </summary>
public sealed class AzureStorageSidecar : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IOrchestrationService engine;

    private AzureStorageSidecar(WebApplication app, IOrchestrationService engine, int port)
    {
        this.app = app;
        this.engine = engine;
        Port = port;
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");

    public static async Task<AzureStorageSidecar> StartAsync(string connectionString, string taskHub, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default) =>
        await StartAsync(connectionString, taskHub, loggerFactory, visibilityTimeout: null, cancellationToken);

    /// <param name="visibilityTimeout">
    /// How long a work item taken by a process that then died stays hidden before another process may take it; null takes
    /// <see cref="DurableQueueTimings.VisibilityTimeout"/>, the value host.json gives the Functions app.
    /// </param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The service lives as long as the sidecar: its container holds it and DisposeAsync stops it through the engine wrapper.")]
    public static async Task<AzureStorageSidecar> StartAsync(string connectionString, string taskHub, ILoggerFactory loggerFactory, TimeSpan? visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
            // A stable worker ID lets a restarted process take its partitions back at once instead of waiting out the dead lease.
            WorkerId = "serverlessir-local-" + taskHub,
            // The default back-off grows to 30 s; a drill at 3600x cannot sleep that long between polls.
            MaxQueuePollingInterval = DurableQueueTimings.MaxQueuePollingInterval,
            PartitionCount = 2,
            LoggerFactory = loggerFactory,
            WorkItemQueueVisibilityTimeout = visibilityTimeout ?? DurableQueueTimings.VisibilityTimeout,
            ControlQueueVisibilityTimeout = visibilityTimeout ?? DurableQueueTimings.VisibilityTimeout,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        // The dispatchers run (and stop) the engine through this; the client side (queries, purges) uses the service itself.
        var engine = SingleStopOrchestrationService.Wrap(service, loggerFactory.CreateLogger<AzureStorageSidecar>());

        var port = AzuriteLauncher.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(engine);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        return new AzureStorageSidecar(app, engine, port);
    }

    /// <summary>
    /// Stops the gRPC server and then the engine under it, forced (or waits for the stop the server's shutdown began: the
    /// engine stops once, see <see cref="SingleStopOrchestrationService"/>). A graceful stop cut short by the timeout (a loaded
    /// machine) used to leave the engine polling: a stopped host then kept taking work items it could never deliver, under
    /// the same worker ID as its successor, and each came back only after the visibility timeout.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await engine.StopAsync(isForced: true);
        }
        await app.DisposeAsync();
    }
}
