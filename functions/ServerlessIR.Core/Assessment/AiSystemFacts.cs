namespace ServerlessIR.Core.Assessment;

/// <summary>The AI system involved, as the EU AI Act sees it.</summary>
public sealed record AiSystemFacts
{
    public bool HighRisk { get; init; }
    public bool SeriousIncident { get; init; }

    /// <summary><c>other</c>, <c>death</c>, <c>widespread-infringement</c> or <c>critical-infrastructure</c>.</summary>
    public string? SeriousIncidentKind { get; init; }

    public DateTimeOffset? CausalLinkEstablishedAt { get; init; }
}
