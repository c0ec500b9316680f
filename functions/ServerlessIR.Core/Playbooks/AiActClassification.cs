namespace ServerlessIR.Core.Playbooks;

/// <summary>The EU AI Act classification of an AI system with the reason for it, shown wherever it decides a duty.</summary>
public sealed record AiActClassification
{
    public required string Classification { get; init; }
    public required string Reason { get; init; }
}
