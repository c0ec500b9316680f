namespace ServerlessIR.Core.Retention;

/// <summary>What one sweep did to one store: counts and the cut-off, never contents.</summary>
/// <param name="Store">The store.</param>
/// <param name="Scope">Which one, where a store has several (a durable task hub); null otherwise.</param>
/// <param name="Cutoff">Items from before this instant were purged (or, in a dry run, would be).</param>
/// <param name="Purged">How many items were purged (or would be).</param>
/// <param name="Error">Why the store could not be swept, when it could not; the other stores are swept regardless.</param>
public sealed record StorePurge(RetainedStore Store, string? Scope, DateTimeOffset Cutoff, int Purged, string? Error = null);
