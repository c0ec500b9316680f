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

    /// <summary>
    /// A financial institution under the FTC's GLBA jurisdiction (a non-bank lender such as a buy-now-pay-later arm), so the
    /// Safeguards Rule's notification duty (16 CFR 314.4(j)) applies.
    /// </summary>
    public bool FtcFinancialInstitution { get; init; }
}
