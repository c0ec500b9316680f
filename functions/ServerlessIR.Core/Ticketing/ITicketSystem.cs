namespace ServerlessIR.Core.Ticketing;

/// <summary>
/// The organisation's ticketing system (ServiceNow Security Incident Response): one ticket per incident, found by the
/// incident ID it carries as its correlation ID, so opening twice finds the first ticket instead of making a second.
/// </summary>
public interface ITicketSystem
{
    /// <summary>The incident's ticket: the one already carrying its ID if there is one, else a new one with <paramref name="content"/>.</summary>
    Task<TicketOpening> OpenAsync(TicketContent content, CancellationToken cancellationToken = default);

    /// <summary>Sets the ticket's state and priority from <paramref name="content"/> and adds its work notes.</summary>
    Task UpdateAsync(TicketRef ticket, TicketContent content, CancellationToken cancellationToken = default);

    /// <summary>The incident's ticket as the ticketing system has it now; null when it has none.</summary>
    Task<RemoteTicket?> ReadAsync(string incidentId, CancellationToken cancellationToken = default);

    /// <summary>Our tickets that are closed and were last changed at or after <paramref name="since"/>, oldest change first.</summary>
    Task<IReadOnlyList<RemoteTicket>> ClosedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
