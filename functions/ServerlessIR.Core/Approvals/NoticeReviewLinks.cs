using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Approvals;

/// <summary>Notice review links as notice tokens of the approval pages, for the tier <c>dpo-review</c>.</summary>
public sealed class NoticeReviewLinks(ApprovalTokenService tokens) : INoticeReviewLinks
{
    public const string ReviewTier = "dpo-review";

    public async Task<string> IssueAsync(string incidentId, string regime, string noticeId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var token = await tokens.IssueAsync(incidentId, regime, ReviewTier, ApprovalPurpose.Notice, expiresAt, noticeId, cancellationToken);
        return tokens.LinkFor(token);
    }
}
