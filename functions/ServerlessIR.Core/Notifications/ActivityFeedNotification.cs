namespace ServerlessIR.Core.Notifications;

/// <summary>
/// A Teams activity-feed notification to one user. <see cref="ActivityType"/> must be declared in the Teams app
/// manifest, and the app must be installed for the user.
/// </summary>
public sealed record ActivityFeedNotification(
    string UserId,
    string Title,
    string PreviewText,
    string WebUrl,
    string IdempotencyKey,
    string ActivityType = "approvalRequired");
