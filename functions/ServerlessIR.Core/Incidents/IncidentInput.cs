using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Incidents;

/// <summary>Input of <see cref="IncidentOrchestrator"/>. Stored in the durable history: pseudonymized signal only.</summary>
/// <param name="IncidentId">Also the orchestration instance ID.</param>
/// <param name="OpenedAt">When the pipeline became aware (the first signal's arrival): the start of incident time.</param>
/// <param name="FirstSignal">The signal that opened the incident.</param>
/// <param name="Runtime">Host settings (time scale, horizon).</param>
/// <param name="LinkedIncidentId">A closed incident this one follows on from, if any.</param>
/// <param name="Resume">
/// Set only by the orchestration itself when it continues as new: what it carries into the next generation, which goes
/// straight back to the phase it left (docs/performance.md#bounded-histories). Null for a new incident.
/// </param>
public sealed record IncidentInput(
    string IncidentId,
    DateTimeOffset OpenedAt,
    Signal FirstSignal,
    IncidentRuntime Runtime,
    string? LinkedIncidentId = null,
    IncidentResume? Resume = null);
