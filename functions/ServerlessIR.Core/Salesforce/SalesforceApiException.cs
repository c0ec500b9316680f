namespace ServerlessIR.Core.Salesforce;

/// <summary>A Salesforce REST error, classified: transient ones (503, REQUEST_LIMIT_EXCEEDED, timeouts) are retried.</summary>
public sealed class SalesforceApiException : Exception
{
    public SalesforceApiException(int status, string errorCode, string message, bool isTransient)
        : base($"Salesforce answered {status} {errorCode}: {message}")
    {
        Status = status;
        ErrorCode = errorCode;
        IsTransient = isTransient;
    }

    public int Status { get; }
    public string ErrorCode { get; }
    public bool IsTransient { get; }
}
