using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Adapters.Ticketing;

/// <summary>
/// Registers the ticketing adapter (ServiceNow) and the poller that finds tickets closed over there. Always registered, used
/// only when the playbook names a ticketing system: without one no incident calls it.
/// </summary>
public static class TicketingServiceCollectionExtensions
{
    public static IServiceCollection AddTicketing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Like the other outbound adapters: a bounded timeout, no HttpClient logging (query strings and headers stay out of
        // logs), and retries where the caller can repeat safely (the sync activity's retry policy, the poll's next tick).
        services.AddHttpClient<ITicketSystem, ServiceNowTicketSystem>(c => c.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
        services.AddTransient<TicketClosurePoller>();
        return services;
    }
}
