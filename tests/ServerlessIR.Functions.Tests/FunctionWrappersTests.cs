using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Functions;

namespace ServerlessIR.Functions.Tests;

/// <summary>
/// The Functions app is a set of hand-written wrappers (the source generator is not served here), so a Core activity
/// without its wrapper would only fail in Azure, when an orchestration first calls it. These tests find that gap here.
/// </summary>
public sealed class FunctionWrappersTests
{
    private static readonly Assembly Core = typeof(IncidentOrchestrator).Assembly;
    private static readonly Assembly App = typeof(HttpFunctions).Assembly;

    /// <summary>Every concrete Core class that is a durable activity, with its input type.</summary>
    private static List<(Type Activity, Type Input)> CoreActivities() =>
        Core.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true })
            .Select(t => (Type: t, Base: BaseActivity(t)))
            .Where(x => x.Base is not null)
            .Select(x => (x.Type, x.Base!.GetGenericArguments()[0]))
            .ToList();

    private static Type? BaseActivity(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(TaskActivity<,>))
            {
                return t;
            }
        }
        return null;
    }

    private static IEnumerable<(string Name, MethodInfo Method)> Functions() =>
        App.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Attribute: m.GetCustomAttribute<FunctionAttribute>(), Method: m))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.Name, x.Method));

    [Fact]
    public void EveryCoreActivity_HasAnActivityTriggerWrapperOfTheSameNameAndInput()
    {
        var wrappers = Functions()
            .Select(f => (f.Name, Trigger: f.Method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null)))
            .Where(f => f.Trigger is not null)
            .ToDictionary(f => f.Name, f => f.Trigger!.ParameterType, StringComparer.Ordinal);
        var activities = CoreActivities();

        Assert.True(activities.Count >= 20, $"only {activities.Count} activities found in Core");
        var missing = activities.Where(a => !wrappers.TryGetValue(a.Activity.Name, out var input) || input != a.Input)
            .Select(a => $"{a.Activity.Name}({a.Input.Name})").ToList();
        Assert.True(missing.Count == 0, "activities without a matching [Function] wrapper: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryCoreActivity_IsRegisteredForTheWrappersToResolve()
    {
        var services = new ServiceCollection().AddActivityClasses();
        var registered = services.Select(s => s.ServiceType).ToHashSet();

        var missing = CoreActivities().Select(a => a.Activity).Where(t => !registered.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "activities not in AddActivityClasses: " + string.Join(", ", missing));
    }

    [Fact]
    public void IncidentOrchestrator_HasAnOrchestrationTrigger()
    {
        var orchestrator = Assert.Single(Functions(), f => f.Name == nameof(IncidentOrchestrator));
        Assert.Contains(orchestrator.Method.GetParameters(), p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null);
    }

    [Fact]
    public void SalesforceRelay_IsATimerTrigger()
    {
        var relay = Assert.Single(Functions(), f => f.Name == "SalesforceRelay");
        Assert.Contains(relay.Method.GetParameters(), p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null);
    }

    [Theory]
    [InlineData("events", "post")]
    [InlineData("events", "options")]
    [InlineData("events/rejected", "get")]
    [InlineData("incidents", "get")]
    [InlineData("incidents/{id}", "get")]
    [InlineData("incidents/{id}/facts", "post")]
    [InlineData("incidents/{id}/false-positive", "post")]
    [InlineData("approvals/{token}", "get")]
    [InlineData("approvals/{token}", "post")]
    [InlineData("notices/{token}", "get")]
    [InlineData("notices/{token}", "post")]
    [InlineData("health", "get")]
    public void DesignRoute_IsServedByAnHttpTrigger(string route, string method)
    {
        var triggers = Functions()
            .SelectMany(f => f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()))
            .Where(t => t is not null)
            .ToList();

        Assert.Contains(triggers, t => t!.Route == route && (t.Methods ?? []).Contains(method, StringComparer.OrdinalIgnoreCase));
    }
}
