using Microsoft.DurableTask.Client;

namespace ServerlessIR.Adapters.Incidents;

/// <summary>
/// Waits for a scheduled incident's orchestration to start before an event is raised to it. The Azure Storage backend can
/// discard an event that reaches an instance still <c>Pending</c> (its first episode not yet run: durabletask issue #720),
/// and nothing tells the sender: a joined signal's wake, a widening signal or a person's amended facts would be lost
/// after the webhook or the API had answered that they were taken.
/// </summary>
public static class IncidentStartWait
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether <paramref name="instance"/> is scheduled but has not run its first episode.</summary>
    public static bool IsStarting(OrchestrationMetadata? instance) => instance?.RuntimeStatus == OrchestrationRuntimeStatus.Pending;

    /// <summary>
    /// Reads the instance until it is no longer <c>Pending</c> and returns it, or returns null when it was still pending
    /// after <paramref name="patience"/> (or when it does not exist). Cancellation ends the wait with an exception.
    /// </summary>
    public static async Task<OrchestrationMetadata?> WhenStartedAsync(DurableTaskClient durable, string instanceId, TimeSpan patience,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            var instance = await durable.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
            if (instance is null)
            {
                return null;
            }
            if (!IsStarting(instance))
            {
                return instance;
            }
            if (time.GetElapsedTime(started) >= patience)
            {
                return null;
            }
            await Task.Delay(pause, time, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }
}
