namespace ServerlessIR.Local.Hosting;

/// <summary>Registrations that only the local host needs.</summary>
public static class LocalServices
{
    public static IServiceCollection AddLocalOnlyServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
