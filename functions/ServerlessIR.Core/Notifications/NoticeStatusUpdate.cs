namespace ServerlessIR.Core.Notifications;

/// <summary>What one <c>internal-status</c> post says beyond the incident itself (the template's <c>status</c>).</summary>
public sealed record NoticeStatusUpdate
{
    /// <summary>The post's number in the incident, from 1.</summary>
    public int Sequence { get; init; }

    /// <summary>Incident time of the post.</summary>
    public DateTimeOffset IncidentTime { get; init; }

    /// <summary>Real UTC of the post; the same as <see cref="IncidentTime"/> outside a drill.</summary>
    public DateTimeOffset RealTime { get; init; }

    /// <summary>Incident minutes until the next post at the present severity; 0 when none follows.</summary>
    public int EveryMinutes { get; init; }

    /// <summary>Containment steps done (action: detail).</summary>
    public IReadOnlyList<string> Contained { get; init; } = [];

    /// <summary>Containment steps failed, held or not run yet.</summary>
    public IReadOnlyList<string> NotContained { get; init; } = [];

    /// <summary>What the incident waits for and on whom (an approval tier, a notice's submitter, a task's owner).</summary>
    public IReadOnlyList<string> WaitingOn { get; init; } = [];

    /// <summary>The nearest pending deadline ("gdpr-art33 to the authority at 2026-11-30 10:00 UTC"), or "none pending".</summary>
    public string NearestDeadline { get; init; } = "none pending";

    /// <summary>Incident time left to it ("41 h 12 min"), or empty.</summary>
    public string TimeLeft { get; init; } = "";

    /// <summary>Signals in the incident: the first and every one joined since.</summary>
    public int Signals { get; init; }
}
