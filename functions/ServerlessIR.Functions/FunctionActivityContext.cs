using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ServerlessIR.Functions;

/// <summary>The activity context the Core activity classes expect, built from a Functions invocation.</summary>
public sealed class FunctionActivityContext(string name, FunctionContext function) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } =
        function?.BindingContext.BindingData.TryGetValue("instanceId", out var id) == true ? id?.ToString() ?? "" : "";
}
