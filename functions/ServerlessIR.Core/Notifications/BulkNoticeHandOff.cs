namespace ServerlessIR.Core.Notifications;

/// <summary>
/// One notice for the bulk channel. The audience is a pseudonymized segment reference, never a list of addresses: the
/// channel resolves it inside the customer-data boundary.
/// </summary>
public sealed record BulkNoticeHandOff(
    string IdempotencyKey,
    string Channel,
    string IncidentId,
    string NoticeId,
    string Subject,
    string BodyHtml,
    string AudienceSegment,
    long ApproxRecipients);
