using System.Text.Json;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Ingestion;

public sealed class SourceTrustClassifierTests
{
    private static readonly Playbook Default = PlaybookLoader.LoadDefault();

    private static (IncomingEvent Incoming, Signal Signal) Event(string signalSource, string eventSource, string type = "ServerlessIR.AiDataLeak.Detected", string? aiSystem = null) =>
        (new IncomingEvent("e-1", eventSource, type, null, JsonDocument.Parse("{}").RootElement, "{}"),
         new Signal { Id = "s-1", Source = signalSource, Kind = "k", OccurredAt = DateTimeOffset.UnixEpoch, Summary = "s", PayloadRef = "p", AiSystemId = aiSystem });

    [Fact]
    public void Classify_RelayFromAListedOrgAndStore_Trusted()
    {
        var (incoming, signal) = Event("salesforce", "/salesforce/orgs/northwind-prod/ApiAnomalyEventStore", "Salesforce.EventMonitoring.ApiAnomalyEvent");

        var (trust, reason) = SourceTrustClassifier.Classify(Default, incoming, signal);

        Assert.Equal(SourceTrust.Trusted, trust);
        Assert.Contains("salesforce-relay", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/salesforce/orgs/evil-org/ApiAnomalyEventStore", "org 'evil-org'")]
    [InlineData("/salesforce/orgs/northwind-prod/SessionHijackingEventStore", "store 'SessionHijackingEventStore'")]
    [InlineData("/salesforce/orgs/northwind-prod", "is not /salesforce/orgs/{org}/{store}")]
    public void Classify_RelayShapedEventNotAsTheRelayPublishes_UntrustedNamingWhy(string source, string expected)
    {
        var (incoming, signal) = Event("salesforce", source, "Salesforce.EventMonitoring.ApiAnomalyEvent");

        var (trust, reason) = SourceTrustClassifier.Classify(Default, incoming, signal);

        Assert.Equal(SourceTrust.Untrusted, trust);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_AzureMonitorOnAListedResource_TrustedElseUntrusted()
    {
        var (incoming, listed) = Event("azure-monitor", "/subscriptions/x/actionGroups/ag-ir", aiSystem: "checkout-fraud-scoring");
        var (_, unlisted) = Event("azure-monitor", "/subscriptions/x/actionGroups/ag-ir");

        Assert.Equal(SourceTrust.Trusted, SourceTrustClassifier.Classify(Default, incoming, listed).Trust);
        Assert.Equal(SourceTrust.Untrusted, SourceTrustClassifier.Classify(Default, incoming, unlisted).Trust);
    }

    [Fact]
    public void Classify_OwnEventTypeFromAnySensor_UntrustedUnlessTheHostTrustsItsPrefix()
    {
        var (incoming, signal) = Event("serverlessir", "/drills/dlp-sensor");

        Assert.Equal(SourceTrust.Untrusted, SourceTrustClassifier.Classify(Default, incoming, signal).Trust);
        Assert.Equal(SourceTrust.Trusted, SourceTrustClassifier.Classify(Default, incoming, signal, ["/drills/"]).Trust);
    }

    [Fact]
    public void Classify_WebhookSourceThePlaybookTrusts_Trusted()
    {
        var playbook = Default with
        {
            Ingestion = Default.Ingestion with
            {
                AlertSources = [new AlertSource { Name = "soc-siem", Kind = AlertSourceKind.Webhook, Trust = SourceTrust.Trusted, Sources = ["/siem/"] }],
            },
        };
        var (siem, fromSiem) = Event("serverlessir", "/siem/prod");
        var (other, fromOther) = Event("serverlessir", "/somewhere");

        Assert.Equal(SourceTrust.Trusted, SourceTrustClassifier.Classify(playbook, siem, fromSiem).Trust);
        Assert.Equal(SourceTrust.Untrusted, SourceTrustClassifier.Classify(playbook, other, fromOther).Trust);
    }
}
