using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Configuration;
using ServerlessIR.Adapters.Containment;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Notifications;
using ServerlessIR.Adapters.Retention;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Salesforce;
using ServerlessIR.Adapters.Secrets;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Ticketing;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters;

/// <summary>
/// The registrations both hosts share: storage and the playbook here, then each adapter folder's own <c>Add…()</c>, which
/// binds that folder's options and registers its adapters next to their code.
/// </summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddServerlessIR(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // First, so an unresolved Key Vault reference fails start-up with the secret's name rather than as a bad value.
        services.AddKeyVaultReferenceCheck(configuration);

        services.AddStorage(configuration);

        var playbookPath = configuration["ServerlessIR:PlaybookPath"];
        services.AddSingleton<IPlaybookProvider>(new StaticPlaybookProvider(
            string.IsNullOrEmpty(playbookPath) ? PlaybookLoader.LoadDefault() : PlaybookLoader.LoadFile(playbookPath)));

        services.AddSecrets(configuration);
        services.AddIncidents();
        services.AddIngestion(configuration);
        services.AddSalesforce(configuration);
        services.AddContainment(configuration);
        services.AddEvidence(configuration);
        services.AddNotifications(configuration);
        services.AddApprovals(configuration);
        services.AddHttpHandlers(configuration);
        services.AddRetention(configuration);
        services.AddTicketing();
        services.AddSingleton<Core.Exercises.ExerciseReminderService>();
        return services;
    }
}
