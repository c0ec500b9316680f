namespace ServerlessIR.Core.Ticketing;

/// <summary>The incident's ticket, and whether this call made it (false: an earlier attempt had, and it was found).</summary>
public sealed record TicketOpening(TicketRef Ticket, bool Created);
