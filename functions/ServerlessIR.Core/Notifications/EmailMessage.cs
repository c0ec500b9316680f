namespace ServerlessIR.Core.Notifications;

/// <summary>An e-mail to send through Microsoft Graph. <paramref name="IdempotencyKey"/> (incident + step) lets a retried send see it was sent.</summary>
public sealed record EmailMessage(
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string HtmlBody,
    string IdempotencyKey,
    string Template);
