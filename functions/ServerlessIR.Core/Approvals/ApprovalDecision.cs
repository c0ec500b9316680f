namespace ServerlessIR.Core.Approvals;

/// <summary>
/// A decision taken on an approval or notice page, raised to the incident's orchestration as an external event.
/// <see cref="TokenId"/> lets the orchestrator ignore a duplicate delivery of the same decision.
/// </summary>
public sealed record ApprovalDecision
{
    public required string IncidentId { get; init; }
    public required string ActionId { get; init; }
    public required string Tier { get; init; }
    public required ApprovalPurpose Purpose { get; init; }
    public required ApprovalOutcome Outcome { get; init; }
    public required string DecidedBy { get; init; }
    public required DateTimeOffset DecidedAt { get; init; }
    public required string TokenId { get; init; }

    /// <summary>Why a step was rejected (required then), or a note on an approval.</summary>
    public string? Reason { get; init; }

    public string? NoticeId { get; init; }

    /// <summary>The regulator's case or reference number, when a notice was submitted and one was given.</summary>
    public string? ReferenceNumber { get; init; }

    /// <summary>Name of the external event the orchestrator waits for (one per step and tier, or per notice).</summary>
    public string EventName => Purpose == ApprovalPurpose.Notice ? $"notice:{NoticeId}" : EventNameFor(ActionId, Tier);

    /// <summary>The event name a decision on step <paramref name="actionId"/> at tier <paramref name="tier"/> is raised under.</summary>
    public static string EventNameFor(string actionId, string tier) => $"approval:{actionId}:{tier}";
}
