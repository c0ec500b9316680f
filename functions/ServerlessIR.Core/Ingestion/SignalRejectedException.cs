namespace ServerlessIR.Core.Ingestion;

/// <summary>An event that cannot become a signal; the message names what is wrong and goes to the rejected-events table.</summary>
public sealed class SignalRejectedException(string reason) : Exception(reason);
