namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Issues the one-time link on which the DPO reviews a drafted notice and marks it submitted. The links are signed by the
/// approval pages, which own one-time links; drafting only needs one, so approvals depend on notifications and not back.
/// </summary>
public interface INoticeReviewLinks
{
    /// <summary>A fresh link for <paramref name="noticeId"/>, valid until <paramref name="expiresAt"/>.</summary>
    Task<string> IssueAsync(string incidentId, string regime, string noticeId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
