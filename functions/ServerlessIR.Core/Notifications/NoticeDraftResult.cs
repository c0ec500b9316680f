namespace ServerlessIR.Core.Notifications;

/// <summary>What <see cref="DraftNoticeActivity"/> produced: the stored draft's title and hash, and who was asked to review it.</summary>
public sealed record NoticeDraftResult(string NoticeId, string Title, string ReviewTo, string Sha256);
