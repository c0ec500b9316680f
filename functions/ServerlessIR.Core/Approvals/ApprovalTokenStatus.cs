namespace ServerlessIR.Core.Approvals;

/// <summary>Why a token is or is not accepted. Reuse is the ledger's concern, not the signature's.</summary>
public enum ApprovalTokenStatus
{
    Valid,
    Malformed,
    Forged,
    Expired,

    /// <summary>Signed with a key that is no longer in the key set (rotated out): it cannot be checked, so it is refused.</summary>
    KeyRetired,
}
