using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Ticketing;

/// <summary>
/// What the ticket says about the incident: a title, the status and severity the state and priority follow, the obligations
/// with their state, and the timeline entries since the last update as work notes. No personal data: the incident record
/// it is made from holds pseudonyms only.
/// </summary>
public sealed record TicketContent(
    string IncidentId,
    string ShortDescription,
    IncidentStatus Status,
    string? Severity,
    IReadOnlyList<string> Obligations,
    IReadOnlyList<string> WorkNotes)
{
    /// <summary>Whether the ticket's state follows <see cref="Status"/>; false once it was closed on the other side.</summary>
    public bool StateFollows { get; init; } = true;
}
