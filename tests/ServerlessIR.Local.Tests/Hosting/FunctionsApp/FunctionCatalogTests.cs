using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using ServerlessIR.Local.Hosting.FunctionsApp;

namespace ServerlessIR.Local.Tests.Hosting.FunctionsApp;

/// <summary>
/// The local dispatch finds the Functions app's functions by reflection; a function it cannot drive (an unknown trigger, a
/// parameter it cannot bind) is refused by name, so adding one to the app fails here instead of vanishing from
/// <c>--host functions</c>.
/// </summary>
public sealed class FunctionCatalogTests
{
    [Fact]
    public void ForFunctionsApp_EveryFunction_IsDrivenLocally()
    {
        var declared = typeof(ServerlessIR.Functions.ServerlessIRFunctionsApp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

        var catalog = FunctionCatalog.ForFunctionsApp();

        Assert.True(catalog.Unsupported.Count == 0, string.Join("; ", catalog.Unsupported));
        Assert.Equal(declared, catalog.Functions.Select(f => f.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Single(catalog.Of(FunctionTrigger.Orchestration));
        Assert.Equal(["ExerciseReminder", "RetentionSweep", "SalesforceRelay", "TicketClosurePoll"], catalog.Of(FunctionTrigger.Timer).Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.True(catalog.Of(FunctionTrigger.Activity).Count() >= 20);
        Assert.True(catalog.Of(FunctionTrigger.Http).Count() >= 9);
    }

    [Fact]
    public void Discover_UnknownTriggerOrUnbindableParameter_RefusedByName()
    {
        var catalog = FunctionCatalog.Discover(typeof(FunctionCatalogTests).Assembly);

        Assert.Contains(catalog.Unsupported, u => u.StartsWith("QueueThing ", StringComparison.Ordinal) && u.Contains("QueueishTriggerAttribute", StringComparison.Ordinal));
        Assert.Contains(catalog.Unsupported, u => u.StartsWith("CountThings ", StringComparison.Ordinal) && u.Contains("'count'", StringComparison.Ordinal));
        Assert.DoesNotContain(catalog.Functions, f => f.Name is "QueueThing" or "CountThings");
        Assert.Contains(catalog.Functions, f => f.Name == "Fine" && f.Trigger == FunctionTrigger.Http);
        var refused = Assert.Throws<NotSupportedException>(() => catalog.Require());
        Assert.Contains("QueueThing", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A trigger the local dispatch has never heard of, like a queue or Service Bus trigger would be.</summary>
    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class QueueishTriggerAttribute : TriggerBindingAttribute;

    /// <summary>Functions the catalog must refuse, and one it must accept.</summary>
    public static class SampleFunctions
    {
        [Function("QueueThing")]
        public static void Queue([QueueishTrigger] string message) => ArgumentNullException.ThrowIfNull(message);

        [Function("CountThings")]
        public static IActionResult Count([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things")] HttpRequest request, int count) =>
            new OkObjectResult(count);

        [Function("Fine")]
        public static IActionResult Fine([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things/{id}")] HttpRequest request, string id) =>
            new OkObjectResult(id);
    }
}
