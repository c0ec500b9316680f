namespace ServerlessIR.Core.Assessment;

/// <summary>The organisation's status as it bears on which regimes apply.</summary>
public sealed record OrganisationFacts
{
    /// <summary>The controller's EU/EEA main establishment for this incident; overrides the playbook's when given.</summary>
    public string? EuMainEstablishment { get; init; }

    /// <summary>
    /// The facts say the controller has no establishment in the EU/EEA (<c>"euMainEstablishment": "none"</c>), overriding the
    /// playbook's: no one-stop shop, so every concerned authority is notified (GDPR Art. 3(2), 56).
    /// </summary>
    public bool NoEuEstablishment { get; init; }

    public bool Nis2Entity { get; init; }
    public bool DoraEntity { get; init; }
    public DateTimeOffset? DoraClassifiedAt { get; init; }

    /// <summary>The financial entity type under DORA Art. 2(1) (<see cref="DoraReportingClock.EntityTypes"/>); decides the weekend relief.</summary>
    public string? DoraEntityType { get; init; }
    public bool SecRegistrant { get; init; }
    public DateTimeOffset? MaterialityDeterminedAt { get; init; }
    public bool HipaaCoveredEntity { get; init; }
    public DateTimeOffset? NotifiableAssessedAt { get; init; }
}
