using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Entities;

namespace ServerlessIR.Local.Hosting.FunctionsApp;

/// <summary>
/// The orchestration context an <c>[OrchestrationTrigger]</c> receives: the engine's context with the input kept as JSON
/// until the function asks for it with <see cref="GetInput{T}"/> (the Functions extension wraps its context the same way,
/// because a trigger parameter does not say the input's type). Everything else is the engine's own behaviour.
/// </summary>
public sealed class FunctionsOrchestrationContext : TaskOrchestrationContext
{
    private readonly TaskOrchestrationContext inner;
    private readonly object? input;

    public FunctionsOrchestrationContext(TaskOrchestrationContext inner, object? input)
    {
        ArgumentNullException.ThrowIfNull(inner);
        this.inner = inner;
        this.input = input;
    }

    public override TaskName Name => inner.Name;
    public override string InstanceId => inner.InstanceId;
    public override ParentOrchestrationInstance? Parent => inner.Parent;
    public override bool IsReplaying => inner.IsReplaying;
    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;
    public override string Version => inner.Version;
    public override IReadOnlyDictionary<string, object?> Properties => inner.Properties;
    public override TaskOrchestrationEntityFeature Entities => inner.Entities;
    public override ILoggerFactory ReplaySafeLoggerFactory => inner.ReplaySafeLoggerFactory;

    protected override ILoggerFactory LoggerFactory => inner.ReplaySafeLoggerFactory;

    public override T GetInput<T>() => input switch
    {
        T typed => typed,
        // The worker's converter (the local host configures none, so the SDK's default), as the engine would have used.
        JsonElement json => JsonDataConverter.Default.Deserialize<T>(json.GetRawText())!,
        _ => default!,
    };

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null) =>
        inner.CallActivityAsync<TResult>(name, input, options);

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        inner.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options);

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override void SendEvent(string instanceId, string eventName, object payload) => inner.SendEvent(instanceId, eventName, payload);

    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        inner.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public override Guid NewGuid() => inner.NewGuid();
}
