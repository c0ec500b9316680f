namespace ServerlessIR.Core.Incidents;

/// <summary>A message the pipeline sent: channel (<c>email</c>, <c>teams</c>, <c>activity-feed</c>), template, recipients, incident time.</summary>
public sealed record NotificationSummary(string Channel, string Template, string To, DateTimeOffset SentAt);
