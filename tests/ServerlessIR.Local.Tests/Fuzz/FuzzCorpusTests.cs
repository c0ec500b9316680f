using ServerlessIR.Local.Fuzz;

namespace ServerlessIR.Local.Tests.Fuzz;

/// <summary>The fuzz corpus holds a real payload of every schema the webhook takes.</summary>
public sealed class FuzzCorpusTests
{
    private static readonly IReadOnlyList<FuzzSeed> Corpus = FuzzCorpus.Load(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Load_BesideTheBinaries_HasEverySupportedSchema()
    {
        Assert.Contains(Corpus, s => s.IsCloudEvent && (string?)s.Event["type"] == "ServerlessIR.AiDataLeak.Detected");
        Assert.Contains(Corpus, s => !s.IsCloudEvent && (string?)s.Event["data"]?["schemaId"] == "azureMonitorCommonAlertSchema");
        Assert.Contains(Corpus, s => !s.IsCloudEvent && ((string?)s.Event["eventType"])?.StartsWith("Salesforce.EventMonitoring.", StringComparison.Ordinal) == true);
        Assert.Contains(Corpus, s => s.IsCloudEvent && ((string?)s.Event["source"])?.StartsWith("/salesforce/orgs/", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Load_ScenarioStoreRecord_BecomesTheCloudEventTheRelayPublishes()
    {
        var relayed = Corpus.First(s => s.Name.StartsWith("salesforce-anomaly#", StringComparison.Ordinal));

        Assert.Equal("Salesforce.EventMonitoring.ApiAnomalyEvent", (string?)relayed.Event["type"]);
        Assert.Equal("/salesforce/orgs/northwind-prod/ApiAnomalyEventStore", (string?)relayed.Event["source"]);
        Assert.Equal((string?)relayed.Event["data"]!["EventIdentifier"], (string?)relayed.Event["id"]);
        Assert.DoesNotContain("{now}", relayed.Event.ToJsonString(), StringComparison.Ordinal);
    }
}
