using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using ServerlessIR.Adapters.Configuration;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>
/// Registers notifications: the Graph client, mail and activity feed, the Teams webhook, the send ledger,
/// the notice renderer, drafts and the bulk channel. Expects the secrets (<c>AddSecrets</c>) and storage to be registered.
/// Registrations use TryAdd so a host (or a test) can put its own in first.
/// </summary>
public static class NotificationsServiceCollectionExtensions
{
    private static readonly string[] GraphScopes = ["https://graph.microsoft.com/.default"];

    /// <summary>Sections: <c>ServerlessIR:Graph</c>, <c>ServerlessIR:Teams</c>, <c>ServerlessIR:Notifications:TemplatesPath</c>.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

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
            return new GraphServiceClient(AppCredential.For(options.ManagedIdentityClientId), GraphScopes);
        });

        services.TryAddSingleton<INotificationLedger>(sp => new TableNotificationLedger(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TableNames>()));
        services.TryAddSingleton<GraphMailSender>();
        services.TryAddSingleton<IMailSender>(sp => new LedgeredMailSender(
            sp.GetRequiredService<GraphMailSender>(), sp.GetRequiredService<INotificationLedger>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IActivityFeedNotifier, GraphActivityFeedNotifier>();

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
}
