using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessIR.Functions;

namespace ServerlessIR.Infra.Tests.Settings;

/// <summary>
/// The Functions app's host built as <c>Program.cs</c> builds it (its composition root) from a given set of app
/// settings, without starting the worker: no Functions host runs here. Start-up validation and function activation are
/// then done the way the worker does them.
/// </summary>
internal sealed class FunctionsAppFromSettings : IDisposable
{
    private readonly RecordingConfigurationSource settings;

    public FunctionsAppFromSettings(IReadOnlyDictionary<string, string?> appSettings)
    {
        settings = new RecordingConfigurationSource(appSettings);
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Logging.ClearProviders();
        ((Microsoft.Extensions.Configuration.IConfigurationBuilder)builder.Configuration).Add(settings);
        builder.Configure();
        Host = builder.Build();
    }

    public IHost Host { get; }

    /// <summary>Every configuration key read while building, validating and activating, as configuration spells it.</summary>
    public IReadOnlyCollection<string> KeysRead => settings.KeysRead;

    /// <summary>Every class of the Functions app with a <c>[Function]</c> method: what the worker activates per invocation.</summary>
    public static IReadOnlyList<Type> FunctionClasses { get; } = typeof(ServerlessIRFunctionsApp).Assembly.GetTypes()
        .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// Runs start-up validation (<c>ValidateOnStart</c>), as the host does before it starts anything, then builds the
    /// tracer provider (with its Azure Monitor exporter), as OpenTelemetry's hosted service does when the host starts.
    /// </summary>
    public void ValidateStart()
    {
        Host.Services.GetRequiredService<IStartupValidator>().Validate();
        _ = Host.Services.GetRequiredService<OpenTelemetry.Trace.TracerProvider>();
    }

    /// <summary>Activates one function class as the worker does: constructor arguments from the container, per call.</summary>
    public object Activate(Type functionClass)
    {
        using var scope = Host.Services.CreateScope();
        return ActivatorUtilities.CreateInstance(scope.ServiceProvider, functionClass);
    }

    public void Dispose() => Host.Dispose();
}
