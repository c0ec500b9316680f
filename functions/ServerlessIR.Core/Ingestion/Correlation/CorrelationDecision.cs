namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>What an incident found under a correlation key means for a new signal (<see cref="CorrelationRules.Decide"/>).</summary>
public enum CorrelationDecision
{
    /// <summary>Nothing: a running incident past the window, or a claim whose opener never started its incident.</summary>
    Ignore,

    /// <summary>Another delivery is opening this incident right now: read the key again shortly and join it.</summary>
    WaitForOpener,

    /// <summary>Join the running incident.</summary>
    Join,

    /// <summary>The incident has ended: a new one opens and names it as the one it follows.</summary>
    FollowEnded,
}
