namespace ServerlessIR.Core.Assessment;

/// <summary>The AI system involved, as the EU AI Act sees it.</summary>
public sealed record AiSystemFacts
{
    /// <summary>The playbook's AI system ID; when given, its criticality and AI Act classification come from the playbook.</summary>
    public string? Id { get; init; }

    /// <summary>Criticality when the system is not in the playbook: <c>checkout-critical</c>, <c>business-critical</c>, <c>standard</c>, <c>low</c>.</summary>
    public string? Criticality { get; init; }

    public bool HighRisk { get; init; }
    public bool SeriousIncident { get; init; }

    /// <summary><c>other</c>, <c>death</c>, <c>widespread-infringement</c> or <c>critical-infrastructure</c>.</summary>
    public string? SeriousIncidentKind { get; init; }

    public DateTimeOffset? CausalLinkEstablishedAt { get; init; }

    /// <summary>The organisation deploys the system under its authority and someone else provides it (EU AI Act Art. 3(4), 26).</summary>
    public bool Deployer { get; init; }
}
