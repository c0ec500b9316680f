using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;

namespace ServerlessIR.Local.Tests.Resilience;

/// <summary>
/// The pipeline's own durable client, except that the first status read of one instance says it is still running: the
/// moment just before that instance completed, when ingestion decided to join it. Every call reaches the real engine.
/// </summary>
internal sealed class StaleStatusClient(DurableTaskClient inner, string staleInstanceId) : DurableTaskClient(inner.Name)
{
    private int staleReads = 1;

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        instanceId == staleInstanceId && Interlocked.Exchange(ref staleReads, 0) == 1
            ? RunningAsync(instanceId, getInputsAndOutputs, cancellation)
            : inner.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    private async Task<OrchestrationMetadata?> RunningAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellation)
    {
        var real = await inner.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
        return real is null ? null : new OrchestrationMetadata(real.Name, real.InstanceId)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CreatedAt = real.CreatedAt,
            LastUpdatedAt = real.LastUpdatedAt,
        };
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => inner.GetAllInstancesAsync(filter);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.PurgeInstanceAsync(instanceId, options, cancellation);

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.PurgeAllInstancesAsync(filter, options, cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.TerminateInstanceAsync(instanceId, options, cancellation);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
