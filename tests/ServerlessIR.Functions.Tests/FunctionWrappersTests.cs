using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core;
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

    /// <summary>The input type of an activity class (its <c>TaskActivity&lt;TInput, TOutput&gt;</c> base).</summary>
    private static Type? InputOf(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(TaskActivity<,>))
            {
                return t.GetGenericArguments()[0];
            }
        }
        return null;
    }

    private static IEnumerable<(string Name, MethodInfo Method)> Functions() =>
        App.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Attribute: m.GetCustomAttribute<FunctionAttribute>(), Method: m))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.Name, x.Method));

    /// <summary>Function name -> the parameter type of its trigger, for the functions with a trigger of kind <typeparamref name="TTrigger"/>.</summary>
    private static Dictionary<string, Type> Triggered<TTrigger>() where TTrigger : Attribute =>
        Functions()
            .Select(f => (f.Name, Trigger: f.Method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<TTrigger>() is not null)))
            .Where(f => f.Trigger is not null)
            .ToDictionary(f => f.Name, f => f.Trigger!.ParameterType, StringComparer.Ordinal);

    [Fact]
    public void Activities_EachHasAnActivityTriggerWrapperOfTheSameNameAndInput()
    {
        var wrappers = Triggered<ActivityTriggerAttribute>();

        var missing = ServerlessIRTasks.Activities
            .Where(a => !wrappers.TryGetValue(a.Name, out var input) || input != InputOf(a))
            .Select(a => $"{a.Name}({InputOf(a)?.Name})")
            .ToList();

        Assert.True(ServerlessIRTasks.Activities.Count >= 20, $"only {ServerlessIRTasks.Activities.Count} activities listed");
        Assert.True(missing.Count == 0, "activities without a matching [Function] wrapper: " + string.Join(", ", missing));
    }

    [Fact]
    public void ActivityTriggerWrappers_EachRunsAListedActivity()
    {
        var listed = ServerlessIRTasks.Activities.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

        var strays = Triggered<ActivityTriggerAttribute>().Keys.Where(name => !listed.Contains(name)).ToList();

        Assert.True(strays.Count == 0, "activity functions no host registers: " + string.Join(", ", strays));
    }

    [Fact]
    public void Activities_EveryCoreActivityClass_IsListed()
    {
        var listed = ServerlessIRTasks.Activities.ToHashSet();

        var unlisted = Core.GetTypes().Where(t => t is { IsAbstract: false, IsClass: true } && InputOf(t) is not null && !listed.Contains(t)).Select(t => t.Name).ToList();

        Assert.True(unlisted.Count == 0, "activities missing from ServerlessIRTasks.Activities: " + string.Join(", ", unlisted));
    }

    [Fact]
    public void AddActivityClasses_RegistersEveryListedActivity()
    {
        var registered = new ServiceCollection().AddActivityClasses().Select(s => s.ServiceType).ToHashSet();

        Assert.Equal(ServerlessIRTasks.Activities.Count, registered.Count);
        Assert.All(ServerlessIRTasks.Activities, a => Assert.Contains(a, registered));
    }

    [Fact]
    public void Orchestrators_EachHasAnOrchestrationTriggerOfTheSameName()
    {
        var wrappers = Triggered<OrchestrationTriggerAttribute>();

        Assert.Equal(ServerlessIRTasks.Orchestrators.Select(o => o.Name).Order(StringComparer.Ordinal), wrappers.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(nameof(IncidentOrchestrator), wrappers.Keys);
    }

    [Fact]
    public void SalesforceRelay_IsATimerTrigger()
    {
        var relay = Assert.Single(Functions(), f => f.Name == "SalesforceRelay");
        Assert.Contains(relay.Method.GetParameters(), p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null);
    }

    public static TheoryData<string, string> RouteTable
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (route, method) in HttpRoutes.Table)
            {
                data.Add(route, method);
            }
            return data;
        }
    }

    private static IEnumerable<HttpTriggerAttribute> HttpTriggers() =>
        Functions()
            .SelectMany(f => f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()))
            .OfType<HttpTriggerAttribute>();

    /// <summary>(route below <c>/api/</c>, method) of every HTTP trigger but the site root's.</summary>
    private static IEnumerable<(string Route, string Method)> ServedRoutes() =>
        HttpTriggers()
            .Where(t => t.Route != HttpRoutes.Root)
            .SelectMany(t => (t.Methods ?? []).Select(m => (Below(t.Route ?? ""), m.ToUpperInvariant())));

    private static string Below(string route) =>
        route.StartsWith(HttpRoutes.Api, StringComparison.Ordinal) ? route[HttpRoutes.Api.Length..] : "(outside /api/) " + route;

    [Theory]
    [MemberData(nameof(RouteTable))]
    public void RouteTable_EachRouteAndMethod_IsServedByAnHttpTrigger(string route, string method) =>
        Assert.Contains((route, method), ServedRoutes());

    [Fact]
    public void HttpTriggers_ServeNothingOutsideTheRouteTable()
    {
        var table = HttpRoutes.Table.ToHashSet();

        var extra = ServedRoutes().Where(r => !table.Contains(r)).Select(r => $"{r.Method} {r.Route}").ToList();

        Assert.True(extra.Count == 0, "HTTP triggers not in HttpRoutes.Table: " + string.Join(", ", extra));
    }

    [Fact]
    public void ConsoleRoot_IsTheOnlyTriggerOutsideApi_AndHostJsonLetsItAnswerTheRoot()
    {
        var root = Assert.Single(HttpTriggers(), t => !(t.Route ?? "").StartsWith(HttpRoutes.Api, StringComparison.Ordinal));
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishOutputTests.PublishedApp.RepositoryRoot, "host.json")))!;

        Assert.Equal(HttpRoutes.Root, root.Route);
        Assert.Equal(["get"], root.Methods ?? []);
        // With the default prefix ("api") the root function would sit at /api/ and every route at /api/api/….
        Assert.Equal(HttpRoutes.FunctionsRoutePrefix, hostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }
}
