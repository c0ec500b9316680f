namespace ServerlessIR.Core.Notifications;

/// <summary>Raises a Teams activity-feed notification (Graph <c>users/{id}/teamwork/sendActivityNotification</c>).</summary>
public interface IActivityFeedNotifier
{
    Task NotifyAsync(ActivityFeedNotification notification, CancellationToken cancellationToken = default);
}
