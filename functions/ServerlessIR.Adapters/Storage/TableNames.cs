namespace ServerlessIR.Adapters.Storage;

/// <summary>
/// Names of the pipeline's tables and containers, with the configured prefix: the one place that applies
/// <see cref="StorageOptions.Prefix"/>, so several local hubs or test runs can share one storage account without seeing
/// each other's incidents, correlation keys, ledgers or evidence.
/// </summary>
public sealed class TableNames(StorageOptions options)
{
    private readonly string prefix = options?.Prefix ?? "";

    public string Prefix => prefix;

    public string Incidents => Table("Incidents");
    public string Deliveries => Table("Deliveries");
    public string Correlation => Table("Correlation");
    public string RejectedEvents => Table("RejectedEvents");
    public string PollerState => Table("PollerState");
    public string ApprovalTokens => Table(Approvals.TableApprovalTokenLedger.DefaultTableName);
    public string NotificationLedger => Table(Notifications.TableNotificationLedger.DefaultTableName);

    /// <summary>Raw alert payloads: restricted, read only by steps that need them.</summary>
    public string RawPayloadContainer => Container("raw-alerts");

    public string NoticeDraftContainer => Container(Notifications.BlobNoticeDraftStore.ContainerName);

    /// <summary>A table name with the prefix (evidence and anchor tables keep their configurable base names).</summary>
    public string Table(string name) => prefix + name;

    /// <summary>A blob container name with the prefix; container names are lower case.</summary>
    public string Container(string name) => (prefix + name).ToLowerInvariant();
}
