using System.Text.Json;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Sources;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Ingestion;

public sealed class SalesforceEventMonitoringSourceTests
{
    private static readonly Pseudonymizer Pseudonymizer = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private readonly SalesforceEventMonitoringSource source = new(new StaticPlaybookProvider(PlaybookLoader.LoadDefault()));

    [Fact]
    public void Normalize_ApiAnomalySample_MapsFieldsAndFindsAiSystemByIntegrationUser()
    {
        var incoming = IngestionSamples.Load("salesforce-api-anomaly.cloudevent.json");
        Assert.True(source.CanNormalize(incoming));
        var signal = source.Normalize(incoming, Pseudonymizer, "blob:x/1.json");
        Assert.Equal("salesforce", signal.Source);
        Assert.Equal("ApiAnomalyEvent", signal.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 9, 12, 26, 965, TimeSpan.Zero), signal.OccurredAt);
        Assert.Equal("bnpl-credit-scoring", signal.AiSystemId);
        Assert.Equal("northwind-prod", signal.OrgId);
        Assert.Equal("integration-user", signal.PrincipalKind);
        Assert.Equal(Pseudonymizer.Pseudonymize("0055g00000BNPLint"), signal.PrincipalPseudonym);
        Assert.Equal(1937568, signal.RecordCount);
        Assert.Equal(0.8781, signal.Score);
        Assert.Equal("blob:x/1.json", signal.PayloadRef);
    }

    [Fact]
    public void Normalize_ApiAnomalySample_NoRawIdentifierInTheSignal()
    {
        var signal = source.Normalize(IngestionSamples.Load("salesforce-api-anomaly.cloudevent.json"), Pseudonymizer, "ref");
        var json = JsonSerializer.Serialize(signal);
        Assert.DoesNotContain("0055g00000BNPLint", json, StringComparison.Ordinal);
        Assert.DoesNotContain("bnpl-integration@northwind.example", json, StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100.23", json, StringComparison.Ordinal);
        Assert.Contains(Pseudonymizer.Pseudonymize("198.51.100.23"), signal.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_CredentialStuffingEventGridSample_MaliciousUserWithoutAiSystem()
    {
        var incoming = IngestionSamples.Load("salesforce-credential-stuffing.eventgridevent.json");
        var signal = source.Normalize(incoming, Pseudonymizer, "ref");
        Assert.Equal("CredentialStuffingEvent", signal.Kind);
        Assert.True(signal.Malicious);
        Assert.Null(signal.AiSystemId);
        Assert.Equal("user", signal.PrincipalKind);
        // One org in the playbook: an event whose source names none belongs to it.
        Assert.Equal("northwind-prod", signal.OrgId);
        Assert.DoesNotContain("shopper1@example.com", JsonSerializer.Serialize(signal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ApiAnomalyEvent")]
    [InlineData("ReportAnomalyEvent")]
    [InlineData("CredentialStuffingEvent")]
    [InlineData("SessionHijackingEvent")]
    [InlineData("GuestUserAnomalyEvent")]
    [InlineData("LoginAnomalyEvent")]
    public void CanNormalize_EachDocumentedEvent_True(string eventName)
    {
        var incoming = IngestionSamples.Load("salesforce-api-anomaly.cloudevent.json") with { Type = "Salesforce.EventMonitoring." + eventName };
        Assert.True(source.CanNormalize(incoming));
        Assert.Equal(eventName, source.Normalize(incoming, Pseudonymizer, "ref").Kind);
    }

    [Fact]
    public void CanNormalize_UndocumentedEventName_False()
    {
        var incoming = IngestionSamples.Load("salesforce-api-anomaly.cloudevent.json") with { Type = "Salesforce.EventMonitoring.LightningUriEvent" };
        Assert.False(source.CanNormalize(incoming));
    }

    [Fact]
    public void Normalize_MissingEventDate_RejectedNamingTheField()
    {
        var incoming = IngestionSamples.WithData(IngestionSamples.Load("salesforce-api-anomaly.cloudevent.json"),
            """{"EventIdentifier":"x","UserId":"005"}""");
        var ex = Assert.Throws<SignalRejectedException>(() => source.Normalize(incoming, Pseudonymizer, "ref"));
        Assert.Contains("EventDate", ex.Message, StringComparison.Ordinal);
    }
}
