namespace ServerlessIR.StandIns.Salesforce;

/// <summary>
/// Fault knobs: a share of calls answered 503 before acting, every call rate-limited, or slowed; and a share of effecting
/// calls whose effect is applied but whose answer is lost (503 after acting), the case that tests idempotency hardest.
/// </summary>
public sealed record StandInFaults
{
    public double FailureRate { get; init; }
    public bool RateLimited { get; init; }
    public int LatencyMs { get; init; }
    public double LostResponseRate { get; init; }
}
