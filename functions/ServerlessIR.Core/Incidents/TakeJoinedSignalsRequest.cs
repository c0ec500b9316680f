namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Input of <see cref="TakeJoinedSignalsActivity"/>: the incident, its next batch number, and whether this is part of the
/// incident's final take (the ledger is sealed first, so nothing is recorded after it unseen).
/// </summary>
public sealed record TakeJoinedSignalsRequest(string IncidentId, int Number, bool Final = false);
