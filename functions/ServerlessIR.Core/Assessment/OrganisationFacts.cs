namespace ServerlessIR.Core.Assessment;

/// <summary>The organisation's status as it bears on which regimes apply.</summary>
public sealed record OrganisationFacts
{
    public string? EuMainEstablishment { get; init; }
    public bool Nis2Entity { get; init; }
    public bool DoraEntity { get; init; }
    public DateTimeOffset? DoraClassifiedAt { get; init; }
    public bool SecRegistrant { get; init; }
    public DateTimeOffset? MaterialityDeterminedAt { get; init; }
    public bool HipaaCoveredEntity { get; init; }
    public DateTimeOffset? NotifiableAssessedAt { get; init; }
}
