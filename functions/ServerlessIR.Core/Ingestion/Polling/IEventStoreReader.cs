using System.Text.Json;

namespace ServerlessIR.Core.Ingestion.Polling;

/// <summary>Reads a Salesforce threat-detection event store (REST SOQL in production, the stand-in locally).</summary>
public interface IEventStoreReader
{
    /// <summary>
    /// Records of <paramref name="eventStore"/> created at or after <paramref name="since"/>, oldest first, at most
    /// <paramref name="limit"/>; each has at least <c>Id</c>, <c>CreatedDate</c>, <c>EventDate</c> and <c>EventIdentifier</c>.
    /// </summary>
    Task<IReadOnlyList<JsonElement>> ReadAsync(string orgId, string eventStore, DateTimeOffset since, int limit, CancellationToken cancellationToken = default);
}
