namespace ServerlessIR.Local.StandIns.Salesforce;

/// <summary>Fault knobs: a share of calls answered 503, every call rate-limited, or slowed.</summary>
public sealed record StandInFaults
{
    public double FailureRate { get; init; }
    public bool RateLimited { get; init; }
    public int LatencyMs { get; init; }
}
