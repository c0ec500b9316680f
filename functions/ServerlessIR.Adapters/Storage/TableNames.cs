namespace ServerlessIR.Adapters.Storage;

/// <summary>Names of the pipeline's tables and containers, with the configured prefix.</summary>
public sealed class TableNames(StorageOptions options)
{
    private readonly string prefix = options?.Prefix ?? "";

    public string Incidents => prefix + "Incidents";
    public string Deliveries => prefix + "Deliveries";
    public string Correlation => prefix + "Correlation";
    public string RejectedEvents => prefix + "RejectedEvents";
    public string Evidence => prefix + "Evidence";
    public string EvidenceAnchors => prefix + "EvidenceAnchors";
    public string SendLedger => prefix + "SendLedger";
    public string ApprovalTokens => prefix + "ApprovalTokens";
    public string PollerState => prefix + "PollerState";

    /// <summary>Raw alert payloads: restricted, read only by steps that need them.</summary>
    public string RawPayloadContainer => (prefix + "raw-alerts").ToLowerInvariant();
}
