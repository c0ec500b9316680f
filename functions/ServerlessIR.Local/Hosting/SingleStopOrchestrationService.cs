using System.Reflection;
using System.Runtime.ExceptionServices;
using DurableTask.Core;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The durable engine as the sidecar's dispatchers see it: every call goes to the real service, except that the service is
/// stopped at most once, and only if it was started.
/// </summary>
/// <remarks>
/// The sidecar stops the engine from an <c>async void</c> ApplicationStopping handler, and <see cref="AzureStorageSidecar"/>
/// stops it again, forced, so that a stop cut short cannot leave it polling. Two stops at once, or the stop of an engine that
/// never started (no worker connected), throw inside DTFx's AppLeaseManager; thrown from an <c>async void</c> handler that
/// ends the process: a drill that had already written its report exited 134 and left its Azurite running, and a test host
/// aborted the run after every test had passed.
/// </remarks>
public partial class SingleStopOrchestrationService : DispatchProxy
{
    private readonly Lock gate = new();
    private IOrchestrationService target = null!;
    private ILogger logger = null!;
    private bool started;
    private Task? stopping;

    /// <summary>Wraps <paramref name="target"/>; stop the engine through the returned service only.</summary>
    public static IOrchestrationService Wrap(IOrchestrationService target, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(logger);
        var proxy = Create<IOrchestrationService, SingleStopOrchestrationService>();
        var self = (SingleStopOrchestrationService)(object)proxy;
        self.target = target;
        self.logger = logger;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IOrchestrationService.StopAsync))
        {
            var forced = args is [true];
            lock (gate)
            {
                return stopping ??= started ? StopQuietlyAsync(forced) : Task.CompletedTask;
            }
        }
        if (targetMethod.Name == nameof(IOrchestrationService.StartAsync))
        {
            lock (gate)
            {
                if (stopping is not null)
                {
                    return Task.CompletedTask;
                }
                started = true;
            }
        }
        try
        {
            return targetMethod.Invoke(target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private async Task StopQuietlyAsync(bool forced)
    {
        try
        {
            await target.StopAsync(forced);
        }
        // The process is shutting down: a stop that fails inside the engine is worth a line, not the process.
        catch (Exception ex) when (ex is NullReferenceException or ObjectDisposedException or InvalidOperationException)
        {
            LogStopFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "The durable engine did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);
}
