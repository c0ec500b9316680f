namespace ServerlessIR.Core.Ticketing;

/// <summary>Input of <see cref="SyncTicketActivity"/>: the content, and the ticket if the incident already knows it.</summary>
public sealed record TicketSyncRequest(TicketContent Content, TicketRef? Known);
