namespace ServerlessIR.Adapters.Ticketing;

/// <summary>The ticketing system refused a call or answered in a shape we do not read. Carries no URL, body or credential.</summary>
public sealed class TicketSystemException : Exception
{
    public TicketSystemException(string message, int status) : base(message) => Status = status;

    public TicketSystemException()
    {
    }

    public TicketSystemException(string message) : base(message)
    {
    }

    public TicketSystemException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The HTTP status ServiceNow answered with.</summary>
    public int Status { get; }
}
