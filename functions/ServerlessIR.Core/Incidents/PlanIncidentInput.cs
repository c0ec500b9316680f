using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Incidents;

/// <summary>Input of <see cref="PlanIncidentActivity"/>: the incident's signals and when awareness began.</summary>
public sealed record PlanIncidentInput(string IncidentId, DateTimeOffset AwareAt, IReadOnlyList<Signal> Signals);
