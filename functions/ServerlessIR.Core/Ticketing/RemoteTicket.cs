namespace ServerlessIR.Core.Ticketing;

/// <summary>A ticket as the ticketing system has it: its state there, and whether that state is a closed one.</summary>
public sealed record RemoteTicket(TicketRef Ticket, string IncidentId, string State, bool Closed, DateTimeOffset UpdatedAt)
{
    /// <summary>The closing note someone wrote there, if any (bounded; free text from another system).</summary>
    public string? CloseNotes { get; init; }
}
