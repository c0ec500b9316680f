namespace ServerlessIR.Core.Approvals;

/// <summary>Why a token is or is not accepted. Reuse is the ledger's concern, not the signature's.</summary>
public enum ApprovalTokenStatus
{
    Valid,
    Malformed,
    Forged,
    Expired,
}
