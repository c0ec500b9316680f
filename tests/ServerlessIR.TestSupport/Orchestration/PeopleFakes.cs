using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Notifications;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>The approval and notice dependencies of the orchestration, recording what they were asked to send.</summary>
public sealed class PeopleFakes : ITeamsTransport, IActivityFeedNotifier, IBulkNoticeChannel
{
    public ConcurrentQueue<TeamsCardMessage> Cards { get; } = new();
    public ConcurrentQueue<ActivityFeedNotification> Feed { get; } = new();
    public ConcurrentQueue<BulkNoticeHandOff> Bulk { get; } = new();
    public InMemoryNoticeDraftStore Drafts { get; } = new();

    public Task PostCardAsync(TeamsCardMessage message, CancellationToken cancellationToken = default)
    {
        Cards.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task NotifyAsync(ActivityFeedNotification notification, CancellationToken cancellationToken = default)
    {
        Feed.Enqueue(notification);
        return Task.CompletedTask;
    }

    public Task<string> HandOffAsync(BulkNoticeHandOff handOff, CancellationToken cancellationToken = default)
    {
        Bulk.Enqueue(handOff);
        return Task.FromResult("bulk-confirmation-1");
    }

    /// <summary>Registers these fakes and the real token service, renderer and ledgers.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton(new ApprovalTokenService(new FixedSecretStore(new string('k', 48)), new ApprovalTokenOptions { PublicBaseUrl = "https://ir.example" }));
        services.AddSingleton<INoticeReviewLinks>(sp => new NoticeReviewLinks(sp.GetRequiredService<ApprovalTokenService>()));
        services.AddSingleton(new TierApprovers());
        services.AddSingleton(NoticeRenderer.FromDefaultLocation());
        services.AddSingleton<INotificationLedger>(new InMemoryNotificationLedger());
        services.AddSingleton<ITeamsTransport>(this);
        services.AddSingleton<IActivityFeedNotifier>(this);
        services.AddSingleton<IBulkNoticeChannel>(this);
        services.AddSingleton<INoticeDraftStore>(Drafts);
    }
}
