namespace ServerlessIR.Core.Notifications;

/// <summary>One message an activity sent: channel (<c>email</c>, <c>teams</c>, <c>activity-feed</c>, <c>bulk</c>), template, recipients.</summary>
public sealed record SentMessage(string Channel, string Template, string To);
