namespace ServerlessIR.Core.Playbooks;

/// <summary>One AI system in the inventory: what it is, where its data subjects live, who owns it, how it falls back.</summary>
public sealed record AiSystem
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string SalesforceFeature { get; init; }
    public required string Org { get; init; }
    public required string ModelVersion { get; init; }
    public required string Criticality { get; init; }
    public required AiActClassification EuAiAct { get; init; }
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public IReadOnlyList<string> SubjectsIn { get; init; } = [];
    public IReadOnlyList<Contact> Owners { get; init; } = [];
    public AiIntegration? Integration { get; init; }
    public AiFallback? Fallback { get; init; }

    /// <summary>Whether the EU AI Act treats this system as high-risk (Annex I or III).</summary>
    public bool IsHighRisk => EuAiAct.Classification == "high-risk";
}
