using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Telemetry;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Functions;

/// <summary>
/// The Functions app's one composition root: <c>Program.cs</c> calls it, and so do the tests and the local host's
/// <c>--host functions</c>, so what they exercise is what Azure runs. Configuration added to the builder before the call
/// (a test's settings, the local host's stand-in URLs) is what the registrations read.
/// </summary>
public static class ServerlessIRFunctionsApp
{
    public static FunctionsApplicationBuilder Configure(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        ConfigureServices(builder.Services, builder.Configuration);
        return builder;
    }

    /// <summary>The app's registrations, apart from the worker's own (which <see cref="Configure"/> adds).</summary>
    public static IServiceCollection ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // Registered before AddServerlessIR so its TryAdd keeps this one: in Azure the approver is whoever App Service
        // Authentication signed in, and nobody when the app is not configured as running behind it; never a configured identity.
        services.AddSingleton<IApproverIdentityResolver>(sp =>
            new AppServiceApproverIdentityResolver(sp.GetRequiredService<IOptions<ApproverIdentityOptions>>().Value));
        services.AddServerlessIR(configuration);
        services.AddServerlessIRTelemetry(configuration);
        services.AddActivityClasses();
        // The Azure app always runs in real time: the time scale is never configurable here.
        services.Configure<IncidentRuntimeOptions>(o => o.Use(IncidentRuntime.Production));
        return services;
    }
}
