namespace ServerlessIR.Core.Playbooks;

/// <summary>The safe mode an AI feature moves to when contained, so checkout keeps working.</summary>
public sealed record AiFallback
{
    public required string Mode { get; init; }
    public string? SwitchUrl { get; init; }
    public string? ProbeUrl { get; init; }
}
