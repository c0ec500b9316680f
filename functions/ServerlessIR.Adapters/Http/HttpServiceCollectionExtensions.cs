using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ServerlessIR.Adapters.Http;

/// <summary>Registers the HTTP handlers both hosts serve, and who their callers are.</summary>
public static class HttpServiceCollectionExtensions
{
    /// <summary>
    /// Who a caller of the approval, notice, facts and false-positive routes is: App Service Authentication when
    /// <c>ServerlessIR:Auth:RunningBehindAppServiceAuth</c> is set, else the local host's sign-in (a <see cref="LocalSessions"/>
    /// the local host registers) or, in a drill (<c>ServerlessIR:Local:AllowApproverHeader</c>), the drill's header. Where
    /// state-changing requests may come from is <see cref="OriginPolicy"/>, from the approvals' public base URL.
    /// </summary>
    public static IServiceCollection AddHttpHandlers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApproverIdentityOptions>()
            .Bind(configuration.GetSection("ServerlessIR:Auth"))
            .Bind(configuration.GetSection("ServerlessIR:Local"));
        services.TryAddSingleton<IApproverIdentityResolver>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ApproverIdentityOptions>>().Value;
            return options.RunningBehindAppServiceAuth
                ? new AppServiceApproverIdentityResolver(options)
                : new LocalApproverIdentityResolver(options, sp.GetService<LocalSessions>(), sp.GetRequiredService<ServerlessIR.Core.Playbooks.IPlaybookProvider>());
        });
        services.TryAddSingleton<OriginPolicy>();
        services.AddOptions<EventGridDeliveryOptions>().Bind(configuration.GetSection(EventGridDeliveryOptions.SectionName));
        services.TryAddSingleton<EventGridDeliveryGuard>();

        services.AddSingleton<EventsHandler>();
        services.AddSingleton<IncidentsHandler>();
        services.AddSingleton<ConsoleHandler>();
        services.AddSingleton<IncidentActionsHandler>();
        services.TryAddSingleton<ApprovalsHandler>();
        return services;
    }
}
