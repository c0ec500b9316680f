using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ServerlessIR.Local.Hosting.FunctionsApp;

/// <summary>
/// Every <c>[Function]</c> in the Functions app's assembly, found by reflection as the worker's metadata generator finds
/// them, and checked against what the local dispatch can drive: a trigger it knows and parameters it can bind. A function
/// it cannot drive is listed in <see cref="Unsupported"/> (and refused by <see cref="Require"/>), so a new kind of function
/// fails a test here instead of being silently skipped by <c>--host functions</c>.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<FunctionEntry> functions, IReadOnlyList<string> unsupported)
    {
        Functions = functions;
        Unsupported = unsupported;
    }

    public IReadOnlyList<FunctionEntry> Functions { get; }

    /// <summary>Functions the local dispatch cannot drive, each with the reason.</summary>
    public IReadOnlyList<string> Unsupported { get; }

    public IEnumerable<FunctionEntry> Of(FunctionTrigger trigger) => Functions.Where(f => f.Trigger == trigger);

    /// <summary>The functions of the Functions app (the assembly that holds <c>ServerlessIRFunctionsApp</c>).</summary>
    public static FunctionCatalog ForFunctionsApp() => Discover(typeof(ServerlessIR.Functions.ServerlessIRFunctionsApp).Assembly);

    public static FunctionCatalog Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<FunctionEntry>();
        var unsupported = new List<string>();
        var methods = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .OrderBy(x => x.Attribute!.Name, StringComparer.Ordinal);
        foreach (var (method, attribute) in methods)
        {
            var name = attribute!.Name;
            var problem = Classify(method, out var entry, name);
            if (problem is null)
            {
                functions.Add(entry!);
            }
            else
            {
                unsupported.Add($"{name} ({method.DeclaringType!.Name}.{method.Name}): {problem}");
            }
        }
        return new FunctionCatalog(functions, unsupported);
    }

    /// <summary>This catalog, or an exception naming every function the local dispatch cannot drive.</summary>
    public FunctionCatalog Require() => Unsupported.Count == 0 ? this
        : throw new NotSupportedException("The local Functions dispatch cannot drive: " + string.Join("; ", Unsupported));

    private static string? Classify(MethodInfo method, out FunctionEntry? entry, string name)
    {
        entry = null;
        var parameters = method.GetParameters();
        var triggers = parameters
            .Select(p => (Parameter: p, Kind: TriggerOf(p)))
            .Where(x => x.Kind is not null)
            .ToList();
        var unknown = parameters.SelectMany(p => p.GetCustomAttributes<TriggerBindingAttribute>()).FirstOrDefault(a => !Known(a));
        if (unknown is not null)
        {
            return $"trigger {unknown.GetType().Name} is not dispatched locally";
        }
        if (triggers.Count != 1)
        {
            return triggers.Count == 0 ? "no trigger parameter" : "more than one trigger parameter";
        }
        var (trigger, kind) = (triggers[0].Parameter, triggers[0].Kind!.Value);
        entry = new FunctionEntry(name, method, kind, trigger);
        var routeParameters = kind == FunctionTrigger.Http
            ? TemplateParser.Parse(entry.Http!.Route ?? name).Parameters.Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
        foreach (var parameter in parameters.Where(p => p != trigger))
        {
            if (!CanBind(parameter, kind, routeParameters))
            {
                entry = null;
                return $"parameter '{parameter.Name}' ({parameter.ParameterType.Name}) has no local binding";
            }
        }
        var problem = (kind, entry.ResultType) switch
        {
            (FunctionTrigger.Http, var t) when !typeof(IActionResult).IsAssignableFrom(t) => "an HTTP function must return IActionResult",
            (FunctionTrigger.Http, _) when trigger.ParameterType != typeof(HttpRequest) => "an HTTP trigger must bind HttpRequest",
            (FunctionTrigger.Orchestration, _) when trigger.ParameterType != typeof(TaskOrchestrationContext) => "an orchestration trigger must bind TaskOrchestrationContext",
            (FunctionTrigger.Timer, _) when trigger.ParameterType != typeof(TimerInfo) => "a timer trigger must bind TimerInfo",
            _ => null,
        };
        if (problem is not null)
        {
            entry = null;
        }
        return problem;
    }

    private static bool Known(TriggerBindingAttribute attribute) =>
        attribute is HttpTriggerAttribute or OrchestrationTriggerAttribute or ActivityTriggerAttribute or TimerTriggerAttribute;

    private static FunctionTrigger? TriggerOf(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null ? FunctionTrigger.Http
        : parameter.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null ? FunctionTrigger.Orchestration
        : parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null ? FunctionTrigger.Activity
        : parameter.GetCustomAttribute<TimerTriggerAttribute>() is not null ? FunctionTrigger.Timer
        : null;

    private static bool CanBind(ParameterInfo parameter, FunctionTrigger kind, HashSet<string> routeParameters) =>
        parameter.ParameterType == typeof(FunctionContext)
        || parameter.ParameterType == typeof(CancellationToken)
        || (parameter.GetCustomAttribute<DurableClientAttribute>() is not null && parameter.ParameterType == typeof(DurableTaskClient))
        || (kind == FunctionTrigger.Http && parameter.ParameterType == typeof(string) && routeParameters.Contains(parameter.Name!));
}
