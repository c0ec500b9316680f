namespace ServerlessIR.Core.Ingestion.Correlation;

/// <summary>One key of the correlation index and the incident it points at.</summary>
/// <param name="Key">The correlation key (<see cref="CorrelationRules.Keys"/>).</param>
/// <param name="IncidentId">The incident the key points at.</param>
/// <param name="OpenedAt">When the key was pointed at the incident (real time).</param>
/// <param name="Version">The store's version of the entry, for a conditional update (<see cref="ICorrelationIndex.TryClaimAsync"/>).</param>
public sealed record CorrelationEntry(string Key, string IncidentId, DateTimeOffset OpenedAt, string Version);
