namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Everything a notice template may read. Templates see it in snake_case (<c>incident.approx_subjects</c>); the
/// renderer is strict, so a template that names anything not here fails instead of printing a blank.
/// </summary>
public sealed record NoticeModel
{
    public required NoticeIncident Incident { get; init; }
    public required NoticeOrganisation Organisation { get; init; }
    public required NoticeMeta Notice { get; init; }
    public NoticeRecipient Recipient { get; init; } = new();
    public NoticeAiSystem? AiSystem { get; init; }
    public NoticeApproval? Approval { get; init; }

    /// <summary>An <c>internal-status</c> post's own content.</summary>
    public NoticeStatusUpdate? Status { get; init; }

    /// <summary>An <c>executive-brief</c>'s own content.</summary>
    public NoticeExecutiveBrief? Brief { get; init; }

    /// <summary>The decision an approval follow-up card reports.</summary>
    public NoticeDecision? Decision { get; init; }

    /// <summary>The AI system's name, or empty when the incident names none: templates test it, since strict Liquid rejects a null <c>ai_system</c>.</summary>
    public string AiSystemName => AiSystem?.Name ?? "";

    /// <summary>The line every drafted notice carries.</summary>
    public string Disclaimer { get; init; } = NoticeRenderer.Disclaimer;
}
