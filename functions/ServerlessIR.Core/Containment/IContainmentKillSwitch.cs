namespace ServerlessIR.Core.Containment;

/// <summary>The operators' kill switch outside the playbook (an app setting), read anew every time a step is about to run.</summary>
public interface IContainmentKillSwitch
{
    /// <summary>What engaged it (e.g. the setting's name), or null while it is off.</summary>
    string? EngagedBy { get; }
}
