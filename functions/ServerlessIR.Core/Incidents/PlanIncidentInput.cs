using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Incidents;

/// <summary>Input of <see cref="PlanIncidentActivity"/>: the incident's signals, when awareness began, and any amended facts in order.</summary>
public sealed record PlanIncidentInput(string IncidentId, DateTimeOffset AwareAt, IReadOnlyList<Signal> Signals, IReadOnlyList<FactsAmendment>? Amendments = null);
