using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Retention;

namespace ServerlessIR.Adapters.Retention;

/// <summary>Registers the retention sweep, its periods bound from <c>ServerlessIR:Retention</c> and checked at start-up.</summary>
public static class RetentionServiceCollectionExtensions
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RetentionSweepOptions>().Bind(configuration.GetSection(RetentionSweepOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RetentionSweeper>();
        return services;
    }
}
