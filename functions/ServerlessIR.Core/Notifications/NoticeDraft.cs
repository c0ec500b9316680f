namespace ServerlessIR.Core.Notifications;

/// <summary>A drafted notice awaiting the DPO: <see cref="BodyHtml"/> was rendered from our own template with every model value encoded.</summary>
public sealed record NoticeDraft
{
    public required string NoticeId { get; init; }
    public required string Regime { get; init; }
    public required string Recipient { get; init; }
    public required string Title { get; init; }
    public required string BodyHtml { get; init; }
    public DateTimeOffset? Deadline { get; init; }
}
