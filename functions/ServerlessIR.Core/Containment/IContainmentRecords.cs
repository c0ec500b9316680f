using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// Write-once records that make containment effects exactly-once across retries: the state before a step acted (so a retry
/// that finds the effect already applied still knows what to undo) and preserved event data.
/// </summary>
public interface IContainmentRecords
{
    /// <summary>
    /// Stores <paramref name="state"/> under <paramref name="idempotencyKey"/> unless a record is there already, and returns the
    /// stored one: the first attempt's view of the world wins.
    /// </summary>
    Task<JsonObject> RememberOnceAsync(string idempotencyKey, JsonObject state, CancellationToken cancellationToken = default);

    /// <summary>Writes preserved data to blob <paramref name="name"/> unless it exists; returns false when it existed (a retry).</summary>
    Task<bool> PreserveOnceAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);
}
