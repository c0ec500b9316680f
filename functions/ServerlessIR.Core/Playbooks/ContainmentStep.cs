namespace ServerlessIR.Core.Playbooks;

/// <summary>One containment step: a dotted action ID, the lowest severity it runs at, and whether it waits for approval.</summary>
public sealed record ContainmentStep
{
    public required string Action { get; init; }
    public string MinSeverity { get; init; } = "SEV4";
    public string Approval { get; init; } = "none";
}
