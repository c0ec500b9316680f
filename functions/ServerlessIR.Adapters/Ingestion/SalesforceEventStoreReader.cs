using System.Text.Json;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Polling;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>Reads the threat-detection event stores through REST SOQL, with the fields each store documents.</summary>
public sealed class SalesforceEventStoreReader(ISalesforceClientFactory salesforce) : IEventStoreReader
{
    private const string CommonFields =
        "Id, CreatedDate, EventDate, EventIdentifier, UserId, Username, SourceIp, Score, Summary, SecurityEventData, PolicyId, PolicyOutcome";

    /// <summary>Fields beyond the common ones, per store, as Salesforce's object reference lists them.</summary>
    private static readonly Dictionary<string, string> ExtraFields = new(StringComparer.Ordinal)
    {
        ["ApiAnomalyEventStore"] = ", Operation, QueriedEntities, RowsProcessed",
        ["ReportAnomalyEventStore"] = ", Report",
        ["CredentialStuffingEventStore"] = ", LoginUrl, UserAgent",
        ["GuestUserAnomalyEventStore"] = ", RequestedEntities",
    };

    public Task<IReadOnlyList<JsonElement>> ReadAsync(string orgId, string eventStore, DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orgId);
        ArgumentException.ThrowIfNullOrEmpty(eventStore);
        return salesforce.ForOrg(orgId).QueryAsync(Soql(eventStore, since, limit), cancellationToken);
    }

    /// <summary>The query for one page: records created at or after the mark, oldest first.</summary>
    public static string Soql(string eventStore, DateTimeOffset since, int limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventStore);
        if (!eventStore.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{eventStore}' is not an sObject name.", nameof(eventStore));
        }
        var extra = ExtraFields.GetValueOrDefault(eventStore, "");
        return $"SELECT {CommonFields}{extra} FROM {eventStore} WHERE CreatedDate >= {SalesforceDates.ToSoql(since)} " +
               $"ORDER BY CreatedDate ASC LIMIT {limit}";
    }
}
