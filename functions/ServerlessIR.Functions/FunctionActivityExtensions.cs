using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ServerlessIR.Functions;

/// <summary>How an <c>[ActivityTrigger]</c> wrapper hands its invocation to the Core activity of the same name.</summary>
internal static class FunctionActivityExtensions
{
    public static Task<TOutput> RunFromFunctionAsync<TInput, TOutput>(this TaskActivity<TInput, TOutput> activity, TInput input, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.RunAsync(new FunctionActivityContext(activity.GetType().Name, function), input);
    }
}
