namespace ServerlessIR.Core.Playbooks;

/// <summary>Which containment steps run, in which order, from which severity, and which need a person's approval.</summary>
public sealed record ContainmentPolicy
{
    public IReadOnlyList<ContainmentStep> Steps { get; init; } = [];

    /// <summary>How far before the first signal <c>salesforce.preserve-event-logs</c> reaches back: leaks start before they are seen.</summary>
    public int PreserveLookbackHours { get; init; } = 24;
}
