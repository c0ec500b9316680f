namespace ServerlessIR.Core.Approvals;

/// <summary>What a token lets its holder do: decide on a containment step, mark a drafted notice submitted, or second a request.</summary>
public enum ApprovalPurpose
{
    Approval,
    Notice,

    /// <summary>Second a person's request to undo (false positive), hold or move awareness: a different person decides.</summary>
    DualControl,
}
