using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Incidents;

/// <summary>Registers the incident store and the incident runtime options (real time unless the host binds or sets them).</summary>
public static class IncidentsServiceCollectionExtensions
{
    public static IServiceCollection AddIncidents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IIncidentStore, TableIncidentStore>();
        services.AddOptions<IncidentRuntimeOptions>();
        return services;
    }
}
