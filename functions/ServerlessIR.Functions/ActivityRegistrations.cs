using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core;

namespace ServerlessIR.Functions;

/// <summary>The Core activity classes of <see cref="ServerlessIRTasks.Activities"/>, resolved from DI by the thin <c>[Function]</c> wrappers.</summary>
public static class ActivityRegistrations
{
    public static IServiceCollection AddActivityClasses(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var activity in ServerlessIRTasks.Activities)
        {
            services.AddTransient(activity);
        }
        return services;
    }
}
