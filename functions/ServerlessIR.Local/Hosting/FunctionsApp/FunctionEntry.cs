using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessIR.Local.Hosting.FunctionsApp;

/// <summary>One <c>[Function]</c> method of the Functions app, as the local dispatch drives it.</summary>
/// <param name="Name">The function name (for activities and orchestrators, the durable task name).</param>
/// <param name="Method">The method the Functions worker would invoke.</param>
/// <param name="Trigger">Its trigger kind.</param>
/// <param name="TriggerParameter">The parameter that carries the trigger.</param>
public sealed record FunctionEntry(string Name, MethodInfo Method, FunctionTrigger Trigger, ParameterInfo TriggerParameter)
{
    /// <summary>The class that holds the method; the worker activates it per invocation.</summary>
    public Type Class => Method.DeclaringType!;

    /// <summary>For HTTP functions, the trigger's attribute (route, methods, authorization level).</summary>
    public HttpTriggerAttribute? Http => TriggerParameter.GetCustomAttribute<HttpTriggerAttribute>();

    /// <summary>What the method's task yields (<see cref="void"/> for a plain <see cref="Task"/>).</summary>
    public Type ResultType =>
        Method.ReturnType.IsGenericType && Method.ReturnType.GetGenericTypeDefinition() is var d && (d == typeof(Task<>) || d == typeof(ValueTask<>))
            ? Method.ReturnType.GetGenericArguments()[0]
            : Method.ReturnType == typeof(Task) || Method.ReturnType == typeof(ValueTask) ? typeof(void) : Method.ReturnType;
}
