using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Approvals;

/// <summary>
/// Registers approvals (section <c>ServerlessIR:Approvals</c>: signing-key secret name, public base URL): one-time tokens
/// and their used-once ledger, notice review links, who approves each tier (Entra groups through the notifications' Graph
/// client), and what an approval page shows. Decisions go to the orchestration through an
/// <see cref="IApprovalDecisionSink"/> that the host makes per request around its durable client, so none is registered
/// here. Registrations use TryAdd so a host (or a test) can put its own in first.
/// </summary>
public static class ApprovalsServiceCollectionExtensions
{
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ApprovalTokenOptions>().Bind(configuration.GetSection(ApprovalTokenOptions.SectionName))
            .Validate(o => Uri.IsWellFormedUriString(o.PublicBaseUrl, UriKind.Absolute), "ServerlessIR:Approvals:PublicBaseUrl must be an absolute URL")
            .ValidateOnStart();

        services.TryAddSingleton(sp => new ApprovalTokenService(
            sp.GetRequiredService<ISecretStore>(), sp.GetRequiredService<IOptions<ApprovalTokenOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<INoticeReviewLinks, NoticeReviewLinks>();
        services.TryAddSingleton<IApprovalTokenLedger>(sp => new TableApprovalTokenLedger(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TableNames>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IApproverGroupResolver, GraphGroupResolver>();
        services.TryAddSingleton(sp => new TierApprovers(sp.GetRequiredService<IApproverGroupResolver>()));
        services.TryAddSingleton<IDualControlStore>(sp => new TableDualControlStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TableNames>()));
        services.TryAddSingleton<Responders>();
        services.TryAddSingleton(sp => new DualControlDesk(sp.GetRequiredService<IDualControlStore>(), sp.GetRequiredService<Responders>(),
            sp.GetRequiredService<ApprovalTokenService>(), sp.GetRequiredService<IMailSender>(), sp.GetRequiredService<IActivityFeedNotifier>(),
            sp.GetRequiredService<INotificationLedger>(), sp.GetRequiredService<IPlaybookProvider>(),
            sp.GetRequiredService<IOptions<ApprovalTokenOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IApprovalContextSource>(sp => ActivatorUtilities.CreateInstance<IncidentApprovalContextSource>(sp,
            sp.GetRequiredService<IDualControlStore>(), sp.GetRequiredService<Responders>()));
        return services;
    }
}
