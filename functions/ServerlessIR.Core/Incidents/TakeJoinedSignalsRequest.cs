namespace ServerlessIR.Core.Incidents;

/// <summary>Input of <see cref="TakeJoinedSignalsActivity"/>: the incident and its next batch number.</summary>
public sealed record TakeJoinedSignalsRequest(string IncidentId, int Number);
