namespace ServerlessIR.Adapters.Storage;

/// <summary>
/// Names of the pipeline's tables and containers, with the configured prefix: the one place that applies
/// <see cref="StorageOptions.Prefix"/>, so several local hubs or test runs can share one storage account without seeing
/// each other's incidents, correlation keys, ledgers or evidence.
/// </summary>
/// <remarks>
/// The evidence tables and the evidence container keep configurable base names (<c>Evidence:*</c>,
/// <c>ServerlessIR:Containment:EvidenceContainer</c>, set by infra); <see cref="StorageServiceCollectionExtensions.AddStorage"/>
/// passes them through <see cref="Table"/> and <see cref="Container"/> as well.
/// </remarks>
public sealed class TableNames(StorageOptions options)
{
    private readonly string prefix = options?.Prefix ?? "";

    public string Prefix => prefix;

    public string Incidents => Table("Incidents");
    public string Deliveries => Table("Deliveries");
    public string Correlation => Table("Correlation");
    public string RejectedEvents => Table("RejectedEvents");
    public string PollerState => Table("PollerState");

    /// <summary>The used-once ledger of approval links.</summary>
    public string ApprovalTokens => Table("approvaltokens");

    /// <summary>Undo, hold and awareness requests waiting for (or decided by) a second person.</summary>
    public string DualControl => Table("dualcontrol");

    /// <summary>The send ledger that keeps a retried notification from going out twice.</summary>
    public string NotificationLedger => Table("notificationledger");

    /// <summary>One row per retention sweep: what it purged, per store, and the cut-offs (no contents).</summary>
    public string RetentionSweeps => Table("RetentionSweeps");

    /// <summary>Automated containment runs of the last 24 hours per AI system and action (the step gate's budgets).</summary>
    public string ContainmentBudgets => Table("ContainmentBudgets");

    /// <summary>Raw alert payloads: restricted, read only by steps that need them.</summary>
    public string RawPayloadContainer => Container("raw-alerts");

    public string NoticeDraftContainer => Container("notice-drafts");

    /// <summary>Every table above, for creating them at start-up.</summary>
    public IReadOnlyList<string> Tables => [Incidents, Deliveries, Correlation, RejectedEvents, PollerState, ApprovalTokens, DualControl, NotificationLedger, RetentionSweeps, ContainmentBudgets];

    /// <summary>Every container above, for creating them at start-up.</summary>
    public IReadOnlyList<string> Containers => [RawPayloadContainer, NoticeDraftContainer];

    /// <summary>A table name with the prefix.</summary>
    public string Table(string name) => prefix + name;

    /// <summary>A blob container name with the prefix; container names are lower case.</summary>
    public string Container(string name) => (prefix + name).ToLowerInvariant();
}
