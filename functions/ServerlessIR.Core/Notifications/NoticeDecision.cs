namespace ServerlessIR.Core.Notifications;

/// <summary>A decision the approval follow-up card reports (the template's <c>decision</c>): who decided what, and when.</summary>
public sealed record NoticeDecision
{
    /// <summary>What was decided on: a containment step's action, or a two-person request ("false positive").</summary>
    public required string Subject { get; init; }

    /// <summary>Approved or Rejected.</summary>
    public required string Outcome { get; init; }

    public required string DecidedBy { get; init; }

    /// <summary>The approval tier, or "second person" for dual control.</summary>
    public string Tier { get; init; } = "";

    /// <summary>Who asked, for a two-person decision.</summary>
    public string RequestedBy { get; init; } = "";

    public string Reason { get; init; } = "";

    /// <summary>When, in incident time.</summary>
    public DateTimeOffset IncidentTime { get; init; }

    /// <summary>When, in real UTC.</summary>
    public DateTimeOffset RealTime { get; init; }
}
