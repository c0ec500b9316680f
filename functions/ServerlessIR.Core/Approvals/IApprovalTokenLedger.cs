namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Makes approval links single-use. Only a decision (the POST) consumes; showing the page (the GET) only asks, because
/// mail link scanners fetch every link they see.
/// </summary>
public interface IApprovalTokenLedger
{
    /// <summary>True the first time for a token ID, false ever after.</summary>
    Task<bool> TryConsumeAsync(string tokenId, CancellationToken cancellationToken = default);

    /// <summary>Whether a decision has already used this token.</summary>
    Task<bool> IsConsumedAsync(string tokenId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a consumed token back when the decision it carried could not be delivered, so the approver can retry
    /// rather than being locked out of a step nobody decided.
    /// </summary>
    Task ReleaseAsync(string tokenId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the one decision for <paramref name="decisionKey"/> (incident, step and tier): null when this call recorded
    /// it, else the decision that stands. The original link and the reminder's are different tokens for one decision.
    /// </summary>
    Task<StandingDecision?> TryRecordDecisionAsync(string decisionKey, StandingDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Forgets a decision that could not be delivered, so the step can still be decided.</summary>
    Task ForgetDecisionAsync(string decisionKey, CancellationToken cancellationToken = default);
}
