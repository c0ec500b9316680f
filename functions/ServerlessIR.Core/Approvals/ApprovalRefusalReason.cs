namespace ServerlessIR.Core.Approvals;

/// <summary>Why a page refused to act. Every refusal changes nothing.</summary>
public enum ApprovalRefusalReason
{
    Malformed,
    Forged,
    Expired,
    AlreadyUsed,
    WrongApprover,
    NotSignedIn,
    UnknownIncident,
    WrongPage,
    CrossSiteRequest,
}
