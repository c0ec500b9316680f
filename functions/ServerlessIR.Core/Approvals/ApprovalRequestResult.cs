using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Approvals;

/// <summary>What <see cref="RequestApprovalActivity"/> did: who was asked, and through which channels.</summary>
public sealed record ApprovalRequestResult(IReadOnlyList<string> Approvers, IReadOnlyList<SentMessage> Sent);
