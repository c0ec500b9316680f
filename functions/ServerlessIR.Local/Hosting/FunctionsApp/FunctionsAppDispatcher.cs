using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServerlessIR.Adapters.Http;

namespace ServerlessIR.Local.Hosting.FunctionsApp;

/// <summary>
/// The local stand-in for the Functions host's trigger dispatch, and nothing more: it receives an HTTP request, a durable
/// work item or a timer tick, activates the function's class from the Functions app's own container (a scope per
/// invocation, as the worker does), binds the parameters the worker would bind and calls the <c>[Function]</c> method.
/// From the method inward everything is the Azure code.
/// </summary>
public sealed class FunctionsAppDispatcher
{
    private readonly IServiceProvider services;
    private readonly Func<DurableTaskClient> client;
    private readonly ConcurrentDictionary<string, int> invocations = new(StringComparer.Ordinal);

    /// <param name="services">The container the Functions app's composition root built.</param>
    /// <param name="catalog">The functions to drive; see <see cref="FunctionCatalog.Require"/>.</param>
    /// <param name="client">The durable client a <c>[DurableClient]</c> parameter receives (the local sidecar's).</param>
    public FunctionsAppDispatcher(IServiceProvider services, FunctionCatalog catalog, Func<DurableTaskClient> client)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(client);
        this.services = services;
        this.client = client;
        Catalog = catalog.Require();
    }

    public FunctionCatalog Catalog { get; }

    /// <summary>How often each function was invoked (orchestrators once per replay): proof that a run went through them.</summary>
    public IReadOnlyDictionary<string, int> Invocations => invocations;

    /// <summary>Registers every orchestration and activity function under its function name, run through its wrapper.</summary>
    public void AddTasks(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var function in Catalog.Of(FunctionTrigger.Orchestration))
        {
            registry.AddOrchestrator(function.Name, () => new FunctionOrchestrator(this, function));
        }
        foreach (var function in Catalog.Of(FunctionTrigger.Activity))
        {
            registry.AddActivity(function.Name, _ => new FunctionActivity(this, function));
        }
    }

    /// <summary>
    /// Maps every HTTP function on <c>/{route}</c> below host.json's route prefix (<see cref="HttpRoutes.FunctionsRoutePrefix"/>,
    /// empty: the routes themselves start with <see cref="HttpRoutes.Api"/>) with its methods. A function-level (or admin) authorization level
    /// needs the key, as the Functions host checks function keys before the worker sees the request.
    /// </summary>
    public void MapHttpFunctions(IEndpointRouteBuilder app, string functionKey)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var function in Catalog.Of(FunctionTrigger.Http))
        {
            var http = function.Http!;
            var methods = (http.Methods is { Length: > 0 } m ? m : ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
                .Select(x => x.ToUpperInvariant()).ToArray();
            var keyed = http.AuthLevel != AuthorizationLevel.Anonymous;
            var route = http.Route ?? function.Name;
            app.MapMethods(HttpRoutes.FunctionsRoutePrefix.Length == 0 ? "/" + route : $"/{HttpRoutes.FunctionsRoutePrefix}/{route}", methods, async context =>
            {
                if (keyed && WebhookKeyFilter.Refusal(context.Request, functionKey) is { } refusal)
                {
                    await refusal.ExecuteAsync(context);
                    return;
                }
                await InvokeHttpAsync(function, context);
            }).WithDisplayName(function.Name);
        }
    }

    /// <summary>Calls a function once, with its trigger value; returns what its task yields.</summary>
    public async Task<object?> InvokeAsync(FunctionEntry function, object? trigger, IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken cancellationToken, IServiceProvider? scopeServices = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(bindingData);
        invocations.AddOrUpdate(function.Name, 1, (_, n) => n + 1);
        AsyncServiceScope? owned = scopeServices is null ? services.CreateAsyncScope() : null;
        try
        {
            var provider = scopeServices ?? owned!.Value.ServiceProvider;
            var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(provider, function.Class);
            var context = new LocalFunctionContext(function, provider, bindingData, cancellationToken);
            var arguments = function.Method.GetParameters().Select(p => Bind(function, p, trigger, context, bindingData, cancellationToken)).ToArray();
            var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null);
            return await UnwrapAsync(returned, function.ResultType);
        }
        finally
        {
            if (owned is { } scope)
            {
                await scope.DisposeAsync();
            }
        }
    }

    private async Task InvokeHttpAsync(FunctionEntry function, HttpContext context)
    {
        // The request runs inside the Functions app's container, as in the worker's ASP.NET Core integration, so what a
        // returned result resolves while it executes comes from the app, not from this host.
        await using var scope = services.CreateAsyncScope();
        var hostServices = context.RequestServices;
        context.RequestServices = scope.ServiceProvider;
        try
        {
            var data = context.Request.RouteValues.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
            var result = await InvokeAsync(function, context.Request, data, context.RequestAborted, scope.ServiceProvider);
            if (result is IActionResult action)
            {
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            }
        }
        finally
        {
            context.RequestServices = hostServices;
        }
    }

    private object? Bind(FunctionEntry function, ParameterInfo parameter, object? trigger, FunctionContext context,
        IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        if (parameter.Position == function.TriggerParameter.Position)
        {
            return trigger;
        }
        if (parameter.ParameterType == typeof(FunctionContext))
        {
            return context;
        }
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }
        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
        {
            return client();
        }
        // FunctionCatalog admitted only route parameters beyond these.
        return bindingData.TryGetValue(parameter.Name!, out var value) ? value?.ToString() : null;
    }

    private static async Task<object?> UnwrapAsync(object? returned, Type resultType)
    {
        switch (returned)
        {
            case Task task:
                await task;
                return resultType == typeof(void) ? null : task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
            case ValueTask valueTask:
                await valueTask;
                return null;
            case not null when returned.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>):
                return await UnwrapAsync(type.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null), resultType);
            default:
                return returned;
        }
    }

    /// <summary>An orchestration function run through its <c>[OrchestrationTrigger]</c> wrapper.</summary>
    private sealed class FunctionOrchestrator(FunctionsAppDispatcher dispatcher, FunctionEntry function) : ITaskOrchestrator
    {
        // The wrapper reads its input with GetInput<T>(), so the raw JSON is kept and converted then, as the Functions
        // extension's own orchestration context does.
        public Type InputType => typeof(System.Text.Json.JsonElement?);
        public Type OutputType => function.ResultType == typeof(void) ? typeof(object) : function.ResultType;

        public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            await dispatcher.InvokeAsync(function, new FunctionsOrchestrationContext(context, input),
                new Dictionary<string, object?> { ["instanceId"] = context.InstanceId }, CancellationToken.None);
    }

    /// <summary>An activity function run through its <c>[ActivityTrigger]</c> wrapper.</summary>
    private sealed class FunctionActivity(FunctionsAppDispatcher dispatcher, FunctionEntry function) : ITaskActivity
    {
        public Type InputType => function.TriggerParameter.ParameterType;
        public Type OutputType => function.ResultType == typeof(void) ? typeof(object) : function.ResultType;

        // The Durable extension puts the orchestration's instance ID into an activity's binding data.
        public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            dispatcher.InvokeAsync(function, input, new Dictionary<string, object?> { ["instanceId"] = context.InstanceId }, CancellationToken.None);
    }
}
