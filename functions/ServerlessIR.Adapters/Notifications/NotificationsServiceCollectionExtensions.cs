using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using ServerlessIR.Adapters.Approvals;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Secrets;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>
/// Registers notifications (Graph mail, activity feed, group resolution, Teams webhook, send ledger, notice renderer)
/// and the approval pages (tokens, used-once ledger, identity, handler). Both hosts call these; the host supplies a
/// <see cref="TableServiceClient"/>. Decisions go to the orchestration through an <see cref="IApprovalDecisionSink"/> that
/// the host makes per request around its durable client, so none is registered here.
/// Registrations use TryAdd so a host (or a test) can put its own in first.
/// </summary>
public static class NotificationsServiceCollectionExtensions
{
    private static readonly string[] GraphScopes = ["https://graph.microsoft.com/.default"];

    /// <summary>Sections: <c>ServerlessIR:Graph</c>, <c>ServerlessIR:Teams</c>, <c>ServerlessIR:KeyVault:Uri</c>, <c>ServerlessIR:Notifications:TemplatesPath</c>.</summary>
    public static IServiceCollection AddServerlessIRNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddServerlessIRSecrets(configuration);

        services.AddOptions<GraphOptions>().Bind(configuration.GetSection(GraphOptions.SectionName))
            .Validate(o => string.IsNullOrEmpty(o.BaseUrl) || Uri.IsWellFormedUriString(o.BaseUrl, UriKind.Absolute), "ServerlessIR:Graph:BaseUrl must be an absolute URL")
            .ValidateOnStart();
        services.AddOptions<TeamsWebhookOptions>().Bind(configuration.GetSection(TeamsWebhookOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.WebhookSecret), "ServerlessIR:Teams:WebhookSecret is required")
            .ValidateOnStart();

        services.AddHttpClient("graph");
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            if (!string.IsNullOrEmpty(options.BaseUrl))
            {
                var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("graph");
                return new GraphServiceClient(http, new StandInAuthenticationProvider(), options.BaseUrl);
            }
            return new GraphServiceClient(Credential(options.ManagedIdentityClientId), GraphScopes);
        });

        services.TryAddSingleton<INotificationLedger>(sp => new TableNotificationLedger(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TableNames>()));
        services.TryAddSingleton<GraphMailSender>();
        services.TryAddSingleton<IMailSender>(sp => new LedgeredMailSender(
            sp.GetRequiredService<GraphMailSender>(), sp.GetRequiredService<INotificationLedger>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IActivityFeedNotifier, GraphActivityFeedNotifier>();
        services.TryAddSingleton<IApproverGroupResolver, GraphGroupResolver>();
        services.TryAddSingleton(sp => new TierApprovers(sp.GetRequiredService<IApproverGroupResolver>()));

        // No request logging on this client: the webhook URL carries its signature in the query string.
        services.AddHttpClient(nameof(TeamsWorkflowsWebhookTransport)).RemoveAllLoggers();
        services.TryAddSingleton<ITeamsTransport>(sp => new LedgeredTeamsTransport(
            new TeamsWorkflowsWebhookTransport(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TeamsWorkflowsWebhookTransport)),
                sp.GetRequiredService<ISecretStore>(),
                sp.GetRequiredService<IOptions<TeamsWebhookOptions>>().Value),
            sp.GetRequiredService<INotificationLedger>(),
            sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton(_ => NoticeRenderer.FromDefaultLocation(configuration["ServerlessIR:Notifications:TemplatesPath"]));
        services.TryAddSingleton<INoticeDraftStore>(sp => new BlobNoticeDraftStore(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<TableNames>()));
        services.AddHttpClient(nameof(HttpBulkNoticeChannel));
        services.TryAddSingleton<IBulkNoticeChannel>(sp => new HttpBulkNoticeChannel(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpBulkNoticeChannel)), configuration,
            sp.GetRequiredService<Core.Playbooks.IPlaybookProvider>()));
        return services;
    }

    /// <summary>
    /// Sections: <c>ServerlessIR:Approvals</c> (signing-key secret name, public base URL), <c>ServerlessIR:Auth</c>
    /// (<c>RunningBehindAppServiceAuth</c>), <c>ServerlessIR:Local</c> (<c>ApproverIdentity</c>, <c>AllowApproverHeader</c>).
    /// </summary>
    public static IServiceCollection AddServerlessIRApprovalPages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddServerlessIRSecrets(configuration);

        services.AddOptions<ApprovalTokenOptions>().Bind(configuration.GetSection(ApprovalTokenOptions.SectionName))
            .Validate(o => Uri.IsWellFormedUriString(o.PublicBaseUrl, UriKind.Absolute), "ServerlessIR:Approvals:PublicBaseUrl must be an absolute URL")
            .ValidateOnStart();
        services.AddServerlessIRCallerIdentity(configuration);

        services.TryAddSingleton(sp => new ApprovalTokenService(
            sp.GetRequiredService<ISecretStore>(), sp.GetRequiredService<IOptions<ApprovalTokenOptions>>().Value));
        services.TryAddSingleton<IApprovalTokenLedger>(sp => new TableApprovalTokenLedger(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TableNames>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IApprovalContextSource, IncidentApprovalContextSource>();
        services.TryAddSingleton<ApprovalsHandler>();
        return services;
    }

    /// <summary>
    /// Who a caller of the approval, notice, facts and false-positive routes is: App Service Authentication when
    /// <c>ServerlessIR:Auth:RunningBehindAppServiceAuth</c> is set, else the local host's configured identity.
    /// </summary>
    public static IServiceCollection AddServerlessIRCallerIdentity(this IServiceCollection services, IConfiguration configuration)
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
                : new LocalApproverIdentityResolver(options);
        });
        return services;
    }

    /// <summary>Key Vault when <c>ServerlessIR:KeyVault:Uri</c> is set, else configuration (<c>ServerlessIR:Secrets</c>).</summary>
    public static IServiceCollection AddServerlessIRSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var vault = configuration["ServerlessIR:KeyVault:Uri"] ?? configuration["KeyVault:VaultUri"];
        if (string.IsNullOrEmpty(vault))
        {
            services.TryAddSingleton<ISecretStore>(_ => new ConfigurationSecretStore(configuration));
        }
        else
        {
            services.TryAddSingleton<ISecretStore>(_ => new KeyVaultSecretStore(
                new SecretClient(new Uri(vault), Credential(configuration["ServerlessIR:Graph:ManagedIdentityClientId"] ?? configuration["AZURE_CLIENT_ID"])), TimeProvider.System));
        }
        return services;
    }

    private static TokenCredential Credential(string? managedIdentityClientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = managedIdentityClientId });
}
