namespace ServerlessIR.Core.Notifications;

/// <summary>Who the notice is addressed to (a supervisory authority, CSIRT, market surveillance authority, or "customers").</summary>
public sealed record NoticeRecipient
{
    public string Name { get; init; } = "";
    public string MemberState { get; init; } = "";
}
