namespace ServerlessIR.Core.Playbooks;

/// <summary>Which containment steps run, in which order, from which severity, and which need a person's approval.</summary>
public sealed record ContainmentPolicy
{
    public IReadOnlyList<ContainmentStep> Steps { get; init; } = [];
}
