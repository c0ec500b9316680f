namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// The safe mode an AI feature moves to when contained, so checkout keeps working: the owning service's switch and health
/// probe, and the secret-store name of the HMAC key that signs calls to them.
/// </summary>
public sealed record AiFallback
{
    public required string Mode { get; init; }
    public string PrimaryMode { get; init; } = "primary";
    public string? SwitchUrl { get; init; }
    public string? ProbeUrl { get; init; }
    public string? SigningSecret { get; init; }
}
