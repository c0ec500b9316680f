using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>Starts an incident's orchestration at most once, however many deliveries try at the same moment.</summary>
/// <remarks>
/// Two deliveries can both find no instance and both schedule one: a redelivery that took over a claim gone stale while
/// its first delivery was still working, or one whose first delivery ran out of time after scheduling. Left to the
/// engine's default, the second schedule is not refused: the local Azure Storage engine queues a second
/// <c>ExecutionStarted</c> for the same instance (seen in a storm), and Durable Functions may replace the instance. So the
/// schedule names every status as one not to reuse, the engine refuses it atomically with
/// <see cref="OrchestrationAlreadyExistsException"/>, and that answer means the other delivery won: the incident exists.
/// </remarks>
public static class IncidentStarter
{
    /// <summary>Every status (but the obsolete ones no engine reports): an incident's instance ID is never reused.</summary>
    private static readonly OrchestrationRuntimeStatus[] NeverReused =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>Schedules the incident unless its instance exists.</summary>
    /// <returns>True when this call scheduled it; false when it already existed (another delivery started it).</returns>
    public static async Task<bool> StartOnceAsync(DurableTaskClient durable, IncidentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(input);
        // The look first spares the engine a refused schedule on the common path (a plain retry after the incident started).
        if (await durable.GetInstanceAsync(input.IncidentId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return false;
        }
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(IncidentOrchestrator), input,
                new StartOrchestrationOptions(input.IncidentId).WithDedupeStatuses(NeverReused), cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }
}
