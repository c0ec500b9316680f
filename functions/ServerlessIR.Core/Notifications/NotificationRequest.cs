namespace ServerlessIR.Core.Notifications;

/// <summary>Input of <see cref="SendEmailActivity"/>. The key (incident + step) makes a retried send recognisable.</summary>
public sealed record NotificationRequest(
    string IncidentId,
    string IdempotencyKey,
    string Template,
    string Sender,
    IReadOnlyList<string> To,
    string Subject,
    IReadOnlyDictionary<string, string> Fields);
