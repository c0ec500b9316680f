namespace ServerlessIR.Core.Playbooks;

/// <summary>How far a drill plays an incident out, in incident hours; obligations due later are reported as scheduled.</summary>
public sealed record DrillSettings
{
    public double HorizonHours { get; init; } = 96;
}
