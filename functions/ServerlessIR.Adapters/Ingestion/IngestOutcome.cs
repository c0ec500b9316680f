namespace ServerlessIR.Adapters.Ingestion;

/// <summary>What became of one event: <c>opened</c> an incident, <c>joined</c> one, <c>duplicate</c>, <c>in-progress</c> elsewhere, or <c>rejected</c>.</summary>
public sealed record IngestOutcome(string Outcome, string? IncidentId, string? Reason = null)
{
    public const string Opened = "opened";
    public const string Joined = "joined";
    public const string Duplicate = "duplicate";
    public const string InProgress = "in-progress";
    public const string Rejected = "rejected";

    /// <summary>A <see cref="Duplicate"/> of an event that was rejected (its <see cref="Reason"/> says why).</summary>
    public bool WasRejected { get; init; }
}
