using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Playbooks;

/// <summary>The kinds of alert source a playbook can rate; the wire names are the ones <c>ingestion.alertSources[].kind</c> uses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSourceKind>))]
public enum AlertSourceKind
{
    /// <summary>Our own Salesforce poller, publishing <c>Salesforce.EventMonitoring.*</c> with source <c>/salesforce/orgs/{org}/{store}</c>.</summary>
    [JsonStringEnumMemberName("salesforce-relay")]
    SalesforceRelay,

    /// <summary>Azure Monitor alerts in the common alert schema.</summary>
    [JsonStringEnumMemberName("azure-monitor")]
    AzureMonitor,

    /// <summary>Any other event posted to the webhook (a DLP sensor, a SIEM, our own event type).</summary>
    [JsonStringEnumMemberName("webhook")]
    Webhook,
}
