namespace ServerlessIR.Core.Ingestion.Polling;

/// <summary>What one poll did: records published, and the (org, store) pairs that failed with why.</summary>
public sealed record PollResult(int Published, IReadOnlyList<string> Failures);
