using ServerlessIR.Core.Containment;

namespace ServerlessIR.TestSupport.Fakes;

/// <summary>A kill switch a test turns on and off.</summary>
public sealed class SwitchableKillSwitch : IContainmentKillSwitch
{
    public bool On { get; set; }

    public string? EngagedBy => On ? "test switch" : null;
}
