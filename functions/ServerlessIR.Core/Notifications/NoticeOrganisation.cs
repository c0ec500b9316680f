namespace ServerlessIR.Core.Notifications;

/// <summary>The controller and its DPO / contact point (GDPR Art. 33(3)(b)).</summary>
public sealed record NoticeOrganisation
{
    public required string Controller { get; init; }
    public required string DpoName { get; init; }
    public required string DpoEmail { get; init; }
    public string DpoPhone { get; init; } = "";
    public string MainEstablishment { get; init; } = "";
}
