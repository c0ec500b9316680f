namespace ServerlessIR.Core.Containment;

/// <summary>
/// A step that deliberately did not act because acting would do more harm (the AI feature's fallback failed its health
/// probe, so switching would break checkout). Not retried; the step is recorded as <c>Held</c> and a person decides.
/// </summary>
public sealed class ContainmentHeldException : Exception
{
    public ContainmentHeldException(string message) : base(message) { }
    public ContainmentHeldException(string message, Exception inner) : base(message, inner) { }
}
