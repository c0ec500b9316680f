namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Posts an Adaptive Card to the incident channel. App-only Graph cannot post channel messages (migration only), so in
/// Azure this is a Teams Workflows webhook.
/// </summary>
public interface ITeamsTransport
{
    Task PostCardAsync(TeamsCardMessage message, CancellationToken cancellationToken = default);
}
