namespace ServerlessIR.Core.Approvals;

/// <summary>What a person decided on a page: approve or reject a step, or record that a notice was submitted.</summary>
public enum ApprovalOutcome
{
    Approved,
    Rejected,
    Submitted,
}
