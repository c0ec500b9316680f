namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What a person learned after the incident opened, posted to <c>POST /api/incidents/{id}/facts</c>: awareness confirmed,
/// more records or people, a new jurisdiction, a serious-incident finding, or a law-enforcement request to hold a notice.
/// Absent fields leave the facts as they were; lists add to what is known (a jurisdiction is never taken away here).
/// </summary>
/// <remarks>Stored in the durable history, so it must not carry customer identifiers: counts and categories only.</remarks>
public sealed record FactsAmendment
{
    /// <summary>Who amended the facts (the signed-in caller; in Azure from App Service Authentication).</summary>
    public string? AmendedBy { get; init; }

    /// <summary>Why, in a sentence; kept in the evidence.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// When the controller became aware with a reasonable degree of certainty (EDPB Guidelines 9/2022): moves every clock
    /// that starts at awareness. Earlier than the incident's opening is allowed (the alert came late), later too (the
    /// opening alert was only a suspicion).
    /// </summary>
    public DateTimeOffset? AwareAt { get; init; }

    public IReadOnlyList<string> Jurisdictions { get; init; } = [];
    public IReadOnlyList<string> DataCategories { get; init; } = [];

    /// <summary>People affected; replaces the estimate when given.</summary>
    public long? SubjectCount { get; init; }

    /// <summary>The data was unintelligible to the recipient (encrypted, key not compromised): Art. 34(3)(a).</summary>
    public bool? Unintelligible { get; init; }

    public bool? Malicious { get; init; }

    /// <summary>EU AI Act Art. 3(49): <c>none</c> withdraws the presumption, or <c>other</c>, <c>death</c>, <c>widespread-infringement</c>, <c>critical-infrastructure</c>.</summary>
    public string? SeriousIncidentKind { get; init; }

    /// <summary>When the provider established the causal link between the AI system and the incident (starts Art. 73).</summary>
    public DateTimeOffset? CausalLinkEstablishedAt { get; init; }

    /// <summary>When the incident was determined material (starts SEC 8-K Item 1.05's four business days).</summary>
    public DateTimeOffset? MaterialityDeterminedAt { get; init; }

    /// <summary>A law-enforcement request to hold (or lift the hold on) notices; the clocks stay visible.</summary>
    public LawEnforcementHold? LawEnforcementHold { get; init; }

    /// <summary>
    /// The requester and the different person who seconded a hold or an awareness move (dual control); recorded in the
    /// evidence with the amendment.
    /// </summary>
    public Approvals.DualApproval? Approval { get; init; }

    /// <summary>Whether this amendment needs a second person: it places or lifts a hold, or moves awareness.</summary>
    public bool NeedsSecondPerson => LawEnforcementHold is not null || AwareAt is not null;

    /// <summary>True when the amendment changes nothing that the assessment reads (a hold only, or a note).</summary>
    public bool OnlyHold =>
        AwareAt is null && Jurisdictions.Count == 0 && DataCategories.Count == 0 && SubjectCount is null && Unintelligible is null
        && Malicious is null && SeriousIncidentKind is null && CausalLinkEstablishedAt is null && MaterialityDeterminedAt is null;
}
