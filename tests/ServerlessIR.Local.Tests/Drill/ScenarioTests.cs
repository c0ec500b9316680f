using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Local.Drill;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Local.Tests.Drill;

public sealed class ScenarioTests
{
    [Fact]
    public void Load_SalesforceAnomalyScenario_EveryAlertIsAnEventStoreRecordOfTheFraudIntegrationUser()
    {
        var scenario = Scenario.Load("salesforce-anomaly");
        var playbook = PlaybookLoader.LoadDefault();

        Assert.Equal("salesforce-anomaly", scenario.Name);
        Assert.True(scenario.Alerts.Count >= 2, "the second anomaly must join the first one's incident");
        Assert.All(scenario.Alerts, alert =>
        {
            Assert.True(alert.IsSalesforceEventStore);
            Assert.Null(alert.Event);
            Assert.Contains(alert.Store!, SalesforceEventStores.Names);
            // The source maps a record to its AI system by the playbook's integration user.
            var username = alert.Record!["Username"]!.GetValue<string>();
            Assert.Equal("checkout-fraud-scoring", AiSystemInventory.ByIntegrationUser(playbook, username)?.Id);
            Assert.NotNull(alert.Record["EventDate"]);
        });
    }

    [Fact]
    public void Load_DefaultScenario_AlertsAreWebhookEvents()
    {
        var scenario = Scenario.Load("default");

        Assert.All(scenario.Alerts, alert =>
        {
            Assert.False(alert.IsSalesforceEventStore);
            Assert.NotNull(alert.Event);
        });
    }

    [Theory]
    [InlineData("""{"afterSeconds": 0, "kind": "salesforce-event-store", "store": "ApiAnomalyStore", "record": {}}""", "'store' must be one of")]
    [InlineData("""{"afterSeconds": 0, "kind": "salesforce-event-store", "store": "ApiAnomalyEventStore"}""", "'record' is required")]
    [InlineData("""{"afterSeconds": 0, "kind": "pubsub", "event": {}}""", "unknown kind 'pubsub'")]
    [InlineData("""{"afterSeconds": 0}""", "'event' is required")]
    public void Load_MalformedAlert_ThrowsNamingTheProblem(string alert, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""{"name": "broken", "alerts": [{{alert}}]}""");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => Scenario.Load(path));

            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.Contains("alert 1", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
