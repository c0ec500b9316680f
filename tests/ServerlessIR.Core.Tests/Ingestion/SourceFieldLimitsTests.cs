using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Polling;
using ServerlessIR.Core.Ingestion.Sources;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Ingestion;

/// <summary>Each source against values at and over the limits of <see cref="IngestionLimits"/>, and against odd values.</summary>
public sealed class SourceFieldLimitsTests
{
    private static readonly Pseudonymizer Pseudonymizer = new(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly StaticPlaybookProvider Playbooks = new(PlaybookLoader.LoadDefault());
    private readonly SalesforceEventMonitoringSource salesforce = new(Playbooks);
    private readonly AzureMonitorAlertSource monitor = new(Playbooks);
    private readonly AiDataLeakSource leak = new();

    private static IncomingEvent Salesforce(Action<JsonObject> change)
    {
        var incoming = IngestionSamples.Load("salesforce-api-anomaly.cloudevent.json");
        var data = JsonNode.Parse(incoming.Data.GetRawText())!.AsObject();
        change(data);
        return IngestionSamples.WithData(incoming, data.ToJsonString());
    }

    private static IncomingEvent Leak(string json) => new("e", "/s", AiDataLeakDetected.EventType, null, JsonDocument.Parse(json).RootElement.Clone(), json);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Normalize_SalesforceEmptyUserId_PrincipalFromUsername(string userId)
    {
        var signal = salesforce.Normalize(Salesforce(d => d["UserId"] = userId), Pseudonymizer, "ref");

        Assert.Equal(Pseudonymizer.Pseudonymize("bnpl-integration@northwind.example"), signal.PrincipalPseudonym);
    }

    [Fact]
    public void Normalize_SalesforceNoIdentifiersAtAll_SignalWithoutPrincipal()
    {
        var signal = salesforce.Normalize(Salesforce(d => { d["UserId"] = ""; d["Username"] = ""; d["SourceIp"] = ""; }), Pseudonymizer, "ref");

        Assert.Null(signal.PrincipalPseudonym);
    }

    [Theory]
    [InlineData("UserId")]
    [InlineData("Username")]
    [InlineData("SourceIp")]
    [InlineData("EventIdentifier")]
    public void Normalize_SalesforceIdentifierOverTheLimit_RejectedNamingIt(string field)
    {
        var incoming = Salesforce(d => d[field] = new string('1', IngestionLimits.MaxIdentifierChars + 1));

        var ex = Assert.Throws<SignalRejectedException>(() => salesforce.Normalize(incoming, Pseudonymizer, "ref"));

        Assert.Contains($"data.{field} is {IngestionLimits.MaxIdentifierChars + 1} characters long", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_SalesforceSummaryOf40000Chars_CutWithMarkerAndRawReference()
    {
        var signal = salesforce.Normalize(Salesforce(d => d["Summary"] = new string('s', 40_000)), Pseudonymizer, "blob:raw-alerts/k.json");

        Assert.Equal(IngestionLimits.MaxFreeTextChars, signal.Summary.Length);
        Assert.Contains("[truncated: ", signal.Summary, StringComparison.Ordinal);
        Assert.Equal("blob:raw-alerts/k.json", signal.PayloadRef);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("1e300")]
    [InlineData("-5")]
    public void Normalize_SalesforceNumbersThatAreNoCount_Dropped(string rows)
    {
        var signal = salesforce.Normalize(Salesforce(d => { d["RowsProcessed"] = JsonNode.Parse(rows); d["Score"] = JsonNode.Parse(rows); }), Pseudonymizer, "ref");

        Assert.Null(signal.RecordCount);
        Assert.True(signal.Score is null || double.IsFinite(signal.Score.Value));
    }

    [Fact]
    public void Normalize_AzureMonitorTooManyTargets_RejectedNamingTheField()
    {
        var incoming = IngestionSamples.Load("azure-monitor-common-alert.eventgridevent.json");
        var data = JsonNode.Parse(incoming.Data.GetRawText())!;
        data["data"]!["essentials"]!["alertTargetIDs"] = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)$"/subscriptions/x/r{i}")]);

        var ex = Assert.Throws<SignalRejectedException>(() => monitor.Normalize(IngestionSamples.WithData(incoming, data.ToJsonString()), Pseudonymizer, "ref"));

        Assert.Contains("essentials.alertTargetIDs has 101 items", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_AzureMonitorLongRuleNameAndHugeSignalType_RuleCutSignalTypeRejected()
    {
        var incoming = IngestionSamples.Load("azure-monitor-common-alert.eventgridevent.json");
        var data = JsonNode.Parse(incoming.Data.GetRawText())!;
        data["data"]!["essentials"]!["alertRule"] = new string('r', 10_000);

        var signal = monitor.Normalize(IngestionSamples.WithData(incoming, data.ToJsonString()), Pseudonymizer, "ref");
        data["data"]!["essentials"]!["signalType"] = new string('t', 1_000);

        Assert.True(signal.Summary.Length < IngestionLimits.MaxFreeTextChars);
        Assert.Contains("[truncated: 10000 chars", signal.Summary, StringComparison.Ordinal);
        var ex = Assert.Throws<SignalRejectedException>(() => monitor.Normalize(IngestionSamples.WithData(incoming, data.ToJsonString()), Pseudonymizer, "ref"));
        Assert.Contains("essentials.signalType", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_AiLeakSummaryOf40000Chars_CutNotRejected()
    {
        var signal = leak.Normalize(Leak($$"""{"detectedAt":"2026-11-30T08:00:00Z","orgId":"northwind-prod","summary":"{{new string('s', 40_000)}}"}"""), Pseudonymizer, "ref");

        Assert.Equal(IngestionLimits.MaxFreeTextChars, signal.Summary.Length);
    }

    [Theory]
    [InlineData("""{"detectedAt":"2026-11-30T08:00:00Z","orgId":"o","summary":"s","estimatedSubjects":1e30}""", "estimatedSubjects")]
    [InlineData("""{"detectedAt":"yesterday","orgId":"o","summary":"s"}""", "detectedAt")]
    [InlineData("""{"detectedAt":"0001-01-01T00:00:00+14:00","orgId":"o","summary":"s"}""", "detectedAt")]
    [InlineData("""{"detectedAt":"2026-11-30T08:00:00Z","orgId":"o","summary":"s","score":1e400}""", "score")]
    [InlineData("""{"detectedAt":"2026-11-30T08:00:00Z","orgId":"o","summary":"s","estimatedSubjects":1e400}""", "estimatedSubjects")]
    [InlineData("""{"detectedAt":"2026-11-30T08:00:00Z","orgId":"o","summary":"s","principal":{"type":"user","id":"  "}}""", "principal")]
    public void Normalize_AiLeakUnreadableValue_RejectedNamingTheField(string json, string field)
    {
        var ex = Assert.Throws<SignalRejectedException>(() => leak.Normalize(Leak(json), Pseudonymizer, "ref"));

        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_AiLeakOrgIdOverTheLimit_RejectedNamingIt()
    {
        var ex = Assert.Throws<SignalRejectedException>(() => leak.Normalize(
            Leak($$"""{"detectedAt":"2026-11-30T08:00:00Z","orgId":"{{new string('o', 257)}}","summary":"s"}"""), Pseudonymizer, "ref"));

        Assert.Contains("orgId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEvent_RecordWithHugeTextField_CutWithMarkerNamingTheRecord()
    {
        var record = JsonDocument.Parse($$"""{"Id":"0Xa1","CreatedDate":"2026-11-30T08:00:00.000+0000","EventIdentifier":"e1","Summary":"{{new string('s', 500_000)}}"}""").RootElement;

        var relayed = SalesforceEventStorePoller.ToEvent("northwind-prod", "ApiAnomalyEventStore", "ApiAnomalyEvent", record);

        var summary = relayed.Data.GetProperty("Summary").GetString()!;
        Assert.Equal(IngestionLimits.MaxFreeTextChars, summary.Length);
        Assert.EndsWith("full text in Salesforce ApiAnomalyEventStore record 0Xa1]", summary, StringComparison.Ordinal);
        Assert.Equal("e1", relayed.Id);
    }
}
