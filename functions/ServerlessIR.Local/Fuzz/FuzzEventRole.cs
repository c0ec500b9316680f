namespace ServerlessIR.Local.Fuzz;

/// <summary>What an event sent by <c>ir fuzz</c> is meant to be, which decides how the run accounts for it.</summary>
public enum FuzzEventRole
{
    /// <summary>An alert (mutated or not): it must end accepted or recorded as rejected, unless its delivery is refused as a whole.</summary>
    Alert,

    /// <summary>A subscription-validation event: answered by the handshake, never an alert.</summary>
    Handshake,

    /// <summary>One of Event Grid's own lifecycle events (subscription deleted): acknowledged, not an alert.</summary>
    Lifecycle,
}
