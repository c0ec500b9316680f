namespace ServerlessIR.Core.Notifications;

/// <summary>The AI system for an EU AI Act Art. 73 serious-incident report.</summary>
public sealed record NoticeAiSystem
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Provider { get; init; }
    public string ModelVersion { get; init; } = "";
    public string Feature { get; init; } = "";
    public required string Classification { get; init; }
    public required string ClassificationReason { get; init; }

    /// <summary>The Member State where the incident occurred (its market surveillance authority receives the report).</summary>
    public string MemberState { get; init; } = "";

    public string IncidentKind { get; init; } = "other";
    public string CausalLink { get; init; } = "";
    public DateTimeOffset? CausalLinkEstablishedAt { get; init; }
    public string CorrectiveAction { get; init; } = "";
}
