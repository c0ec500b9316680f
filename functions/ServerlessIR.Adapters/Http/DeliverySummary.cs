namespace ServerlessIR.Adapters.Http;

/// <summary>The answer to a delivery: how many events, and what became of them.</summary>
public sealed record DeliverySummary(int Received, int Opened, int Joined, int Duplicates, int Rejected, IReadOnlyList<string> Incidents);
