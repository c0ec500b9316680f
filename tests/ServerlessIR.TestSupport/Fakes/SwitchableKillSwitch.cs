using ServerlessIR.Core.Containment;

namespace ServerlessIR.TestSupport.Fakes;

/// <summary>A kill switch a test turns on and off, or breaks (reading it throws, as a store that cannot be reached would).</summary>
public sealed class SwitchableKillSwitch : IContainmentKillSwitch
{
    public bool On { get; set; }

    public bool Broken { get; set; }

    public string? EngagedBy => Broken ? throw new InvalidOperationException("kill switch unreadable (test fault)") : On ? "test switch" : null;
}
