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
    KeyRetired,

    /// <summary>The person who asked for a dual-control step tried to second it too.</summary>
    SamePerson,

    /// <summary>A different decision was already taken for this step and tier (or request): it stands.</summary>
    DecisionStands,
}
