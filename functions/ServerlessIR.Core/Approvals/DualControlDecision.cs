namespace ServerlessIR.Core.Approvals;

/// <summary>How a second person's decision on a dual-control request ended.</summary>
public enum DualControlDecision
{
    /// <summary>Recorded now (and, when approved, raised on the incident).</summary>
    Recorded,

    /// <summary>The same decision was already recorded: nothing more to do.</summary>
    AlreadyRecorded,

    /// <summary>A different decision (or the expiry) got there first and stands.</summary>
    Refused,

    /// <summary>Approved, but the incident could not take the event; the request is pending again.</summary>
    Undelivered,
}
