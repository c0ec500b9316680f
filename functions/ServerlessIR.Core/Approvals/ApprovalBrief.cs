namespace ServerlessIR.Core.Approvals;

/// <summary>
/// What an approver needs to decide, shown on the page, the e-mail and the card. Deadline and regime are the nearest
/// open obligation's; time left is computed when the page is shown.
/// </summary>
public sealed record ApprovalBrief
{
    public required string IncidentId { get; init; }
    public required string Severity { get; init; }
    public required string AiSystem { get; init; }
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public required string RequestedAction { get; init; }
    public required string ActionEffect { get; init; }
    public DateTimeOffset? NearestDeadline { get; init; }
    public string? NearestDeadlineRegime { get; init; }
    public string? Summary { get; init; }
}
