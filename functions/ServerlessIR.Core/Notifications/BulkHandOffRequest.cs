namespace ServerlessIR.Core.Notifications;

/// <summary>Input of <see cref="HandOffDataSubjectNoticeActivity"/>: an approved data-subject notice.</summary>
public sealed record BulkHandOffRequest(string IncidentId, string NoticeId, long ApproxRecipients, string ApprovedBy);
