using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Playbooks;

/// <summary>How alerts become incidents: the correlation window and the Salesforce event stores the poller reads.</summary>
public sealed record IngestionSettings
{
    /// <summary>
    /// Signals with the same correlation key within this many hours of an incident's first signal join it; later ones open a new
    /// incident. Six hours covers one attack wave (a credential-stuffing burst, a bulk export) without gluing unrelated days together.
    /// </summary>
    public double CorrelationWindowHours { get; init; } = 6;

    /// <summary>
    /// Which fields of an alert's <c>data</c> the restricted raw-alert store keeps, per event type (see
    /// <see cref="Ingestion.RawPayloadPolicy"/>); empty keeps every alert whole.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RawPayloadFields { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>The Salesforce threat-detection event stores the poller reads in every org of the playbook.</summary>
    public IReadOnlyList<string> EventStores { get; init; } =
    [
        "ApiAnomalyEventStore",
        "ReportAnomalyEventStore",
        "CredentialStuffingEventStore",
        "SessionHijackingEventStore",
        "GuestUserAnomalyEventStore",
    ];

    /// <summary>
    /// How far each alert source is trusted (<see cref="SourceTrustClassifier"/>). Without the list, the relay and Azure Monitor
    /// are trusted (after their own checks) and every other webhook event is not.
    /// </summary>
    public IReadOnlyList<AlertSource> AlertSources { get; init; } =
    [
        new() { Name = "salesforce-relay", Kind = AlertSourceKind.SalesforceRelay, Trust = SourceTrust.Trusted, Sources = ["/salesforce/orgs/"] },
        new() { Name = "azure-monitor", Kind = AlertSourceKind.AzureMonitor, Trust = SourceTrust.Trusted },
        new() { Name = "webhook", Kind = AlertSourceKind.Webhook, Trust = SourceTrust.Untrusted },
    ];
}
