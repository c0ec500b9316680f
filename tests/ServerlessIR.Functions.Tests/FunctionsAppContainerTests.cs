using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ServerlessIR.Functions.Tests;

/// <summary>
/// Builds the worker's container with the app's one composition root, exactly as <c>Program.cs</c> does, and activates
/// every function class as the worker does on each invocation. In Azure the isolated Durable extension registers no
/// <see cref="DurableTaskClient"/> service, so a handler that asked DI for one fails here as it would in Azure.
/// </summary>
public sealed class FunctionsAppContainerTests
{
    /// <summary>The settings the deployment gives the app (values are test values; storage is never contacted).</summary>
    internal static readonly Dictionary<string, string?> Settings = new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Evidence:PseudonymKey"] = Convert.ToBase64String(new byte[32]),
        ["ServerlessIR:Approvals:PublicBaseUrl"] = "https://func-serverlessir.example",
        ["ServerlessIR:Auth:RunningBehindAppServiceAuth"] = "true",
        // infra/app/function-app.bicep sets it; secret rotation has no vault without it. Nothing is fetched at activation.
        ["KeyVault:VaultUri"] = "https://kv-serverlessir-test.vault.azure.net/",
    };

    private static IHost Build()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings);
        return builder.Configure().Build();
    }

    private static IEnumerable<Type> FunctionClasses() =>
        typeof(ServerlessIRFunctionsApp).Assembly.GetTypes()
            .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));

    [Fact]
    public void Configure_EveryFunctionClass_ActivatesAsTheWorkerActivatesIt()
    {
        using var host = Build();
        using var scope = host.Services.CreateScope();
        var classes = FunctionClasses().ToList();

        Assert.True(classes.Count >= 6, $"only {classes.Count} function classes found");
        var failures = new List<string>();
        foreach (var type in classes)
        {
            try
            {
                Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
            }
            catch (InvalidOperationException ex)
            {
                failures.Add($"{type.Name}: {ex.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Configure_EveryActivityClass_ResolvesForItsWrapper()
    {
        using var host = Build();
        using var scope = host.Services.CreateScope();
        var activities = ServerlessIR.Core.ServerlessIRTasks.Activities;

        Assert.NotEmpty(activities);
        foreach (var activity in activities)
        {
            Assert.NotNull(scope.ServiceProvider.GetRequiredService(activity));
        }
    }

    [Fact]
    public void Configure_StartupValidation_PassesWithTheDeployedSettings()
    {
        using var host = Build();

        var validator = host.Services.GetRequiredService<IStartupValidator>();

        validator.Validate();
    }

    [Fact]
    public void Configure_NoDurableTaskClientService_HandlersTakeTheBindingInstead()
    {
        using var host = Build();

        // What the isolated extension gives us in Azure: no client service. Every function that reaches an
        // orchestration must therefore bind one per invocation.
        Assert.Null(host.Services.GetService<DurableTaskClient>());
        var needsClient = typeof(ServerlessIRFunctionsApp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is { Name: "Events" or "AmendFacts" or "DeclareFalsePositive" or "Approval" or "Notice" })
            .ToList();
        Assert.Equal(5, needsClient.Count);
        Assert.All(needsClient, m => Assert.Contains(m.GetParameters(),
            p => p.ParameterType == typeof(DurableTaskClient) && p.GetCustomAttribute<DurableClientAttribute>() is not null));
    }
}
