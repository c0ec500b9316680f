using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Ticketing;

/// <summary>The incident's ticket was closed in the ticketing system: the incident asks for its post-incident review.</summary>
public record TicketClosedEvent(RemoteTicket? Ticket) : IncidentEvent;
