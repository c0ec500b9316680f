using Microsoft.DurableTask.Client;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>Keeps one test's alerts from joining an earlier test's incident in a pipeline the tests share.</summary>
internal static class RunningIncidents
{
    /// <summary>
    /// Ends every incident still running on <paramref name="pipeline"/> and waits until each has stopped. The tests of one
    /// collection run one at a time, so an incident still running belongs to a test that has finished; left running, it
    /// would take the next test's alert for the same AI system (correlation joins within the window), and the next test
    /// would be watching someone else's incident. Ended, the correlation follows it and opens a new incident instead.
    /// </summary>
    public static async Task EndAsync(LocalPipeline pipeline, CancellationToken cancellationToken = default)
    {
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended],
            FetchInputsAndOutputs = false,
        };
        var running = new List<string>();
        await foreach (var instance in pipeline.Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            running.Add(instance.InstanceId);
        }
        if (running.Count == 0)
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await Task.WhenAll(running.Select(async id =>
        {
            await pipeline.Client.TerminateInstanceAsync(id, cancellation: timeout.Token);
            await pipeline.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);
        }));
    }
}
