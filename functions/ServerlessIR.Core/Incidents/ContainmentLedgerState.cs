namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What a <see cref="ContainmentLedger"/> keeps beside its results (which the incident summary carries): the steps planned,
/// the steps begun (their count numbers the next step's side effects) and the steps that took effect with what undoing them
/// needs. Carried across a continue-as-new.
/// </summary>
/// <param name="Planned">Every step planned, in the order they run.</param>
/// <param name="Begun">The actions begun, in the order they were begun.</param>
/// <param name="Performed">The steps that took effect, in the order they ran.</param>
public sealed record ContainmentLedgerState(
    IReadOnlyList<PlannedStep> Planned,
    IReadOnlyList<string> Begun,
    IReadOnlyList<PerformedStep> Performed);
