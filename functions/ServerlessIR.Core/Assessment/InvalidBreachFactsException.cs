namespace ServerlessIR.Core.Assessment;

/// <summary>Breach facts that cannot be assessed; every error names its field (<c>organisation.materialityDeterminedAt: ...</c>).</summary>
public sealed class InvalidBreachFactsException : Exception
{
    public InvalidBreachFactsException()
        : this([])
    {
    }

    public InvalidBreachFactsException(string message)
        : this([message])
    {
    }

    public InvalidBreachFactsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public InvalidBreachFactsException(IReadOnlyList<string> errors)
        : base("invalid breach facts:" + Environment.NewLine + string.Join(Environment.NewLine, (errors ?? []).Select(e => "  " + e)))
    {
        Errors = errors ?? [];
    }

    public IReadOnlyList<string> Errors { get; }
}
