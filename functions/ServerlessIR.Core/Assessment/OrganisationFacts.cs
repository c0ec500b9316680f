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

    /// <summary>
    /// The NIS2 entity type where Implementing Regulation (EU) 2024/2690 has its own significance criteria:
    /// <c>online-marketplace</c> (Art. 11), <c>online-search-engine</c> (Art. 12), <c>social-networking-platform</c> (Art. 13),
    /// or <c>other</c>; null when not said.
    /// </summary>
    public string? EntityType { get; init; }

    /// <summary>The service's users in the Union, for the "5 % of users" thresholds of 2024/2690 Art. 11-13.</summary>
    public long? UnionUsers { get; init; }

    /// <summary>Total annual turnover of the preceding financial year in euro, for 2024/2690 Art. 3(1)(a).</summary>
    public long? AnnualTurnoverEur { get; init; }

    /// <summary>
    /// A financial institution under the FTC's GLBA jurisdiction (a non-bank lender such as a buy-now-pay-later arm), so the
    /// Safeguards Rule's notification duty (16 CFR 314.4(j)) applies.
    /// </summary>
    public bool FtcFinancialInstitution { get; init; }
}
