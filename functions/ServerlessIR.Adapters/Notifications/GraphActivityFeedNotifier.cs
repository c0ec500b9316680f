using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>
/// Raises a Teams activity-feed notification through Graph <c>POST users/{id}/teamwork/sendActivityNotification</c>
/// (application permission TeamsActivity.Send). In a tenant the Teams app declaring the activity type must be
/// installed for the user, and a topic of source "text" needs a Teams deep link as its web URL.
/// </summary>
public sealed class GraphActivityFeedNotifier : IActivityFeedNotifier
{
    private readonly GraphServiceClient graph;

    public GraphActivityFeedNotifier(GraphServiceClient graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        this.graph = graph;
    }

    public async Task NotifyAsync(ActivityFeedNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.UserId);
        notification = ExerciseMarking.Mark(notification);
        var body = new SendActivityNotificationPostRequestBody
        {
            Topic = new TeamworkActivityTopic
            {
                Source = TeamworkActivityTopicSource.Text,
                Value = notification.Title,
                WebUrl = notification.WebUrl,
            },
            ActivityType = notification.ActivityType,
            PreviewText = new ItemBody { Content = notification.PreviewText },
            TemplateParameters = [new Microsoft.Graph.Models.KeyValuePair { Name = "title", Value = notification.Title }],
        };
        await graph.Users[notification.UserId].Teamwork.SendActivityNotification.PostAsync(body, cancellationToken: cancellationToken);
    }
}
