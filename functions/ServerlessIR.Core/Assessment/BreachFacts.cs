namespace ServerlessIR.Core.Assessment;

/// <summary>
/// What is known about a breach, in the shape of <c>./ir assess --input</c> (docs/architecture.md). Absent fields mean unknown or false.
/// </summary>
public sealed record BreachFacts
{
    public DateTimeOffset AwareAt { get; init; }
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];
    public IReadOnlyList<string> DataCategories { get; init; } = [];
    public long SubjectCount { get; init; }
    public bool Unintelligible { get; init; }
    public bool Malicious { get; init; }
    public bool LossOfConfidentiality { get; init; }
    public bool LossOfIntegrity { get; init; }
    public bool LossOfAvailability { get; init; }
    public OrganisationFacts Organisation { get; init; } = new();
    public AiSystemFacts? AiSystem { get; init; }
}
