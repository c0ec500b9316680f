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

    /// <summary>
    /// Whether the key (or salt) of unintelligible data was compromised; null when not said. A compromised key makes the data
    /// intelligible again (EDPB Guidelines 9/2022 section II.D). The reader requires it whenever <see cref="Unintelligible"/> is true.
    /// </summary>
    public bool? KeyCompromised { get; init; }

    /// <summary>
    /// Whether everyone who received the data is known and identified (ENISA 2013 CB: known recipients +0.25, unknown +0.5);
    /// null when not said, then malicious intent decides.
    /// </summary>
    public bool? RecipientsKnown { get; init; }

    /// <summary>The known recipients returned the data or confirmed its deletion (EDPB Guidelines 01/2021 cases 09 and 13).</summary>
    public bool DataRetrieved { get; init; }

    /// <summary>The affected people include elderly people (ANPD Resolution 15/2024 Art. 5(II)).</summary>
    public bool ElderlySubjects { get; init; }

    /// <summary>The data are under legal, judicial or professional secrecy (ANPD Resolution 15/2024 Art. 5(V)).</summary>
    public bool DataUnderSecrecy { get; init; }

    /// <summary>What the incident did to the service, for NIS2 significance (Implementing Regulation (EU) 2024/2690 Art. 3, 11-13).</summary>
    public ServiceImpactFacts? ServiceImpact { get; init; }
    public bool Malicious { get; init; }
    public bool LossOfConfidentiality { get; init; }
    public bool LossOfIntegrity { get; init; }
    public bool LossOfAvailability { get; init; }
    public OrganisationFacts Organisation { get; init; } = new();
    public AiSystemFacts? AiSystem { get; init; }
}
