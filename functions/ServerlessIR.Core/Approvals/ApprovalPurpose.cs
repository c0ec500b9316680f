namespace ServerlessIR.Core.Approvals;

/// <summary>What a token lets its holder do: decide on a containment step, or mark a drafted notice submitted.</summary>
public enum ApprovalPurpose
{
    Approval,
    Notice,
}
