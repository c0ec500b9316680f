namespace ServerlessIR.Core.Approvals;

/// <summary>Finds the incident summary and allowed approvers for a verified token; null when the incident or step is unknown.</summary>
public interface IApprovalContextSource
{
    Task<ApprovalContext?> GetAsync(ApprovalToken token, CancellationToken ct);
}
