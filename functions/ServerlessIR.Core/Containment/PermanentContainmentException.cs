namespace ServerlessIR.Core.Containment;

/// <summary>A containment step that cannot succeed by retrying (bad configuration, missing permission): escalate to a person.</summary>
public sealed class PermanentContainmentException : Exception
{
    public PermanentContainmentException(string message) : base(message) { }
    public PermanentContainmentException(string message, Exception inner) : base(message, inner) { }
}
