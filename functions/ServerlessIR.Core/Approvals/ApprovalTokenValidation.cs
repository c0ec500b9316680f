namespace ServerlessIR.Core.Approvals;

/// <summary>The outcome of checking a token; <see cref="Token"/> is set only when the signature is genuine.</summary>
public sealed record ApprovalTokenValidation(ApprovalTokenStatus Status, ApprovalToken? Token)
{
    public bool IsValid => Status == ApprovalTokenStatus.Valid;
}
