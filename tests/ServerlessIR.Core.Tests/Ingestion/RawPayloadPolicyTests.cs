using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Ingestion;

public sealed class RawPayloadPolicyTests
{
    private static IncomingEvent Event(string type, JsonObject data)
    {
        var raw = new JsonObject { ["specversion"] = "1.0", ["id"] = "e-1", ["source"] = "/test", ["type"] = type, ["data"] = data }.ToJsonString();
        return new IncomingEvent("e-1", "/test", type, null, JsonDocument.Parse(raw).RootElement.GetProperty("data").Clone(), raw);
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultPolicy =
        PlaybookLoader.LoadDefault().Ingestion.RawPayloadFields;

    [Fact]
    public void Minimize_SalesforceEventWithSecurityEventData_KeepsAllowedFieldsAndListsDropped()
    {
        var incoming = Event("Salesforce.EventMonitoring.ApiAnomalyEvent", new JsonObject
        {
            ["EventIdentifier"] = "evt-1",
            ["UserId"] = "005xx",
            ["SecurityEventData"] = "{\"rows\":[{\"Email\":\"customer@shop.example\"}]}",
        });

        var stored = JsonNode.Parse(RawPayloadPolicy.Minimize(incoming, DefaultPolicy))!.AsObject();

        Assert.Equal("evt-1", (string?)stored["data"]!["EventIdentifier"]);
        Assert.Equal("005xx", (string?)stored["data"]!["UserId"]);
        Assert.Null(stored["data"]!["SecurityEventData"]);
        Assert.DoesNotContain("customer@shop.example", stored.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["SecurityEventData"], stored["_droppedFields"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("Salesforce.EventMonitoring.ApiAnomalyEvent", (string?)stored["type"]);
    }

    [Fact]
    public void Minimize_AzureMonitorAlertAnyType_DropsAlertContextBySchemaId()
    {
        var incoming = Event("Microsoft.Insights.AnythingAtAll", new JsonObject
        {
            ["schemaId"] = RawPayloadPolicy.AzureMonitorKey,
            ["essentials"] = new JsonObject { ["alertRule"] = "exfil" },
            ["alertContext"] = new JsonObject { ["SearchResults"] = "customer rows" },
        });

        var stored = JsonNode.Parse(RawPayloadPolicy.Minimize(incoming, DefaultPolicy))!.AsObject();

        Assert.NotNull(stored["data"]!["essentials"]);
        Assert.Null(stored["data"]!["alertContext"]);
    }

    [Fact]
    public void Minimize_NoPolicyForTypeOrStar_KeepsEventWhole()
    {
        var incoming = Event("Contoso.Custom", new JsonObject { ["anything"] = 1 });

        Assert.Equal(incoming.Raw, RawPayloadPolicy.Minimize(incoming, DefaultPolicy));
        Assert.Equal(incoming.Raw, RawPayloadPolicy.Minimize(incoming,
            new Dictionary<string, IReadOnlyList<string>> { ["Contoso.Custom"] = ["*"] }));
    }

    [Fact]
    public void Minimize_DefaultKey_AppliesToUnlistedTypes()
    {
        var incoming = Event("Contoso.Custom", new JsonObject { ["keep"] = 1, ["drop"] = 2 });

        var stored = JsonNode.Parse(RawPayloadPolicy.Minimize(incoming,
            new Dictionary<string, IReadOnlyList<string>> { [RawPayloadPolicy.DefaultKey] = ["keep"] }))!.AsObject();

        Assert.Equal(1, (int)stored["data"]!["keep"]!);
        Assert.Null(stored["data"]!["drop"]);
    }

    [Fact]
    public void MinimizeRejected_AzureMonitorAlert_DropsAlertContextAsForAnAcceptedOne()
    {
        var raw = """{"id":"e","type":"Microsoft.Insights.Alert","data":{"schemaId":"azureMonitorCommonAlertSchema","essentials":{},"alertContext":{"rows":["person@example.com"]}}}""";

        var stored = RawPayloadPolicy.MinimizeRejected("Microsoft.Insights.Alert", raw, DefaultPolicy);

        Assert.DoesNotContain("person@example.com", stored, StringComparison.Ordinal);
        Assert.Contains("alertContext", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimizeRejected_DataThatIsNoObject_DroppedWhole()
    {
        var raw = """{"id":"e","type":"Salesforce.EventMonitoring.ApiAnomalyEvent","data":"Email: person@example.com"}""";

        var stored = JsonNode.Parse(RawPayloadPolicy.MinimizeRejected("Salesforce.EventMonitoring.ApiAnomalyEvent", raw, DefaultPolicy))!;

        Assert.Null(stored["data"]);
        Assert.Equal("e", (string?)stored["id"]);
        Assert.Equal(["data"], stored["_droppedFields"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("""{"id":"e","data":{"a":1,"a":2}}""")]
    [InlineData("""[1,2]""")]
    public void MinimizeRejected_CopyThatCannotBeReadSafely_KeepsNothing(string raw)
    {
        Assert.Equal("""{"_droppedFields":["*"]}""", RawPayloadPolicy.MinimizeRejected(null, raw, DefaultPolicy));
    }

    [Fact]
    public void Minimize_AzureMonitorSampleNestedAsSent_KeepsEssentialsDropsAlertContext()
    {
        var incoming = IngestionSamples.Load("azure-monitor-common-alert.eventgridevent.json");

        var stored = JsonNode.Parse(RawPayloadPolicy.Minimize(incoming, DefaultPolicy))!.AsObject();

        Assert.NotNull(stored["data"]!["data"]!["essentials"]!["alertRule"]);
        Assert.Null(stored["data"]!["data"]!["alertContext"]);
        Assert.Contains("data.alertContext", stored["_droppedFields"]!.AsArray().Select(n => (string?)n));
    }
}
