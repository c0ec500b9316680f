namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Where a send stands. <see cref="Sending"/> with no later <see cref="Sent"/> means a previous attempt died mid-send:
/// the message may or may not have gone, and we send again, because a missed notice is worse than a duplicate.
/// </summary>
public enum NotificationState
{
    Sending,
    Sent,
}
