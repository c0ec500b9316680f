namespace ServerlessIR.Core.Ticketing;

/// <summary>A ticket's human number (<c>SIR0010001</c>) and the system's record ID (<c>sys_id</c>).</summary>
public sealed record TicketRef(string Number, string SysId);
