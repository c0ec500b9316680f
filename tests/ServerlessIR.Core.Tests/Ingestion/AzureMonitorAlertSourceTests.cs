using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Sources;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Ingestion;

public sealed class AzureMonitorAlertSourceTests
{
    private static readonly Pseudonymizer Pseudonymizer = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private readonly AzureMonitorAlertSource source = new(new StaticPlaybookProvider(PlaybookLoader.LoadDefault()));

    [Fact]
    public void Normalize_CommonSchemaSample_FindsAiSystemByAzureResourceWhateverTheCase()
    {
        var incoming = IngestionSamples.Load("azure-monitor-common-alert.eventgridevent.json");
        Assert.True(source.CanNormalize(incoming));
        var signal = source.Normalize(incoming, Pseudonymizer, "ref");
        Assert.Equal("azure-monitor", signal.Source);
        Assert.Equal("azure-monitor-log", signal.Kind);
        Assert.Equal("checkout-fraud-scoring", signal.AiSystemId);
        Assert.Equal("northwind-prod", signal.OrgId);
        Assert.Equal("azure-resource", signal.PrincipalKind);
        Assert.Equal(0.8, signal.Score);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 41, TimeSpan.Zero), signal.OccurredAt);
        Assert.Contains("fraud-scoring-exfiltration", signal.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void CanNormalize_SchemaIdDecidesNotTheEventType()
    {
        var incoming = IngestionSamples.Load("azure-monitor-common-alert.eventgridevent.json") with { Type = "Contoso.Anything" };
        Assert.True(source.CanNormalize(incoming));
        var other = IngestionSamples.WithData(incoming, """{"schemaId":"Microsoft.Insights/activityLogs"}""");
        Assert.False(source.CanNormalize(other));
    }

    [Fact]
    public void Normalize_ResolvedNotification_RejectedWithReason()
    {
        var incoming = IngestionSamples.WithData(IngestionSamples.Load("azure-monitor-common-alert.eventgridevent.json"),
            """{"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{"alertRule":"r","monitorCondition":"Resolved","firedDateTime":"2026-11-29T10:00:00Z","alertTargetIDs":[]}}}""");
        var ex = Assert.Throws<SignalRejectedException>(() => source.Normalize(incoming, Pseudonymizer, "ref"));
        Assert.Contains("Resolved", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_TargetOutsideInventory_NoAiSystem()
    {
        var incoming = IngestionSamples.WithData(IngestionSamples.Load("azure-monitor-common-alert.eventgridevent.json"),
            """{"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{"alertRule":"r","severity":"Sev3","signalType":"Metric","monitorCondition":"Fired","firedDateTime":"2026-11-29T10:00:00Z","alertTargetIDs":["/subscriptions/x/resourceGroups/other/providers/Microsoft.Web/sites/shop"]}}}""");
        var signal = source.Normalize(incoming, Pseudonymizer, "ref");
        Assert.Null(signal.AiSystemId);
        Assert.Equal(0.4, signal.Score);
    }
}
