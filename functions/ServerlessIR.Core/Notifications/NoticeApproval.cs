namespace ServerlessIR.Core.Notifications;

/// <summary>An approval request as the e-mail and the Teams card show it; <see cref="Url"/> opens the approval page.</summary>
public sealed record NoticeApproval
{
    public required string Url { get; init; }
    public required string RequestedAction { get; init; }
    public required string Effect { get; init; }
    public required string Tier { get; init; }
    public required string AiSystem { get; init; }
    public required string TimeLeft { get; init; }
    public string DeadlineRegime { get; init; } = "";
}
