using System.Text;
using System.Text.Json.Nodes;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Tests.Ingestion;

public sealed class EventGridDeliveryParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static JsonObject CloudEvent(string id = "e-1", JsonNode? data = null) => new()
    {
        ["specversion"] = "1.0", ["type"] = "Salesforce.EventMonitoring.ApiAnomalyEvent", ["source"] = "/salesforce/orgs/o/ApiAnomalyEventStore",
        ["id"] = id, ["data"] = data ?? new JsonObject { ["Summary"] = "text" },
    };

    private static JsonObject EventGridEvent(string type, JsonNode data, string id = "g-1") => new()
    {
        ["id"] = id, ["topic"] = "/subscriptions/x/topics/ir", ["subject"] = "s", ["eventType"] = type,
        ["eventTime"] = "2026-11-30T08:00:00Z", ["dataVersion"] = "1", ["data"] = data,
    };

    private static DeliveryParseResult Parse(string json) => EventGridDeliveryParser.Parse(Encoding.UTF8.GetBytes(json), Now);

    [Fact]
    public void Parse_LoneSurrogateEscapes_ReplacedAndEventKept()
    {
        var json = new JsonArray(CloudEvent()).ToJsonString().Replace("\"text\"", "\"a\\ud800b\\udc00c\"", StringComparison.Ordinal);

        var parsed = Parse(json);

        var incoming = Assert.Single(parsed.Events);
        Assert.Equal("a\ufffdb\ufffdc", incoming.Data.GetProperty("Summary").GetString());
        Assert.Equal(2, parsed.RepairedSurrogates);
    }

    [Fact]
    public void Parse_LoneSurrogateInTheId_EventKeptWithAStableId()
    {
        var json = new JsonArray(CloudEvent("id-SURR")).ToJsonString().Replace("SURR", "\\udfff", StringComparison.Ordinal);

        var first = Assert.Single(Parse(json).Events);
        var second = Assert.Single(Parse(json).Events);

        Assert.Equal("id-\ufffd", first.Id);
        Assert.Equal(first.DedupeKey, second.DedupeKey);
    }

    [Fact]
    public void Parse_ValidationEventAmongOthers_AnswersItAndKeepsTheOthers()
    {
        var json = new JsonArray(
            EventGridEvent("Microsoft.EventGrid.SubscriptionValidationEvent", new JsonObject { ["validationCode"] = "abc" }),
            EventGridEvent("Salesforce.EventMonitoring.ApiAnomalyEvent", new JsonObject { ["Summary"] = "x" }, "g-2"),
            EventGridEvent("Salesforce.EventMonitoring.ApiAnomalyEvent", JsonValue.Create("text"), "g-3")).ToJsonString();

        var parsed = Parse(json);

        Assert.Equal("abc", parsed.ValidationCode);
        Assert.Equal("g-2", Assert.Single(parsed.Events).Id);
        Assert.Equal("g-3", Assert.Single(parsed.Rejected).EventId);
        Assert.Equal(3, parsed.Received);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parse_SubscriptionDeletedEvent_AcknowledgedNeitherUsedNorRejected(bool cloudEvents)
    {
        const string type = "Microsoft.EventGrid.SubscriptionDeletedEvent";
        var data = new JsonObject { ["eventSubscriptionId"] = "/subscriptions/x/eventSubscriptions/ir" };
        var item = cloudEvents ? CloudEvent(data: data) : EventGridEvent(type, data);
        item[cloudEvents ? "type" : "eventType"] = type;

        var parsed = Parse(new JsonArray(item).ToJsonString());

        Assert.Equal(type, Assert.Single(parsed.Lifecycle).EventType);
        Assert.Empty(parsed.Events);
        Assert.Empty(parsed.Rejected);
    }

    [Fact]
    public void Parse_MoreEventsThanTheCap_SaysHowMany()
    {
        var parsed = Parse("[" + string.Join(',', Enumerable.Repeat("{}", IngestionLimits.MaxEventsPerDelivery + 1)) + "]");

        Assert.Equal(IngestionLimits.MaxEventsPerDelivery + 1, parsed.TooManyEvents);
        Assert.Empty(parsed.Events);
    }

    [Fact]
    public void Parse_ExactlyTheCap_Read()
    {
        var parsed = Parse("[" + string.Join(',', Enumerable.Repeat("{}", IngestionLimits.MaxEventsPerDelivery)) + "]");

        Assert.Null(parsed.TooManyEvents);
        Assert.Equal(IngestionLimits.MaxEventsPerDelivery, parsed.Rejected.Count);
    }

    [Theory]
    [InlineData("id", IngestionLimits.MaxEventIdChars)]
    [InlineData("type", IngestionLimits.MaxEventTypeChars)]
    [InlineData("source", IngestionLimits.MaxSourceChars)]
    [InlineData("subject", IngestionLimits.MaxSourceChars)]
    public void Parse_EnvelopeFieldOverItsLimit_RejectedNamingIt(string field, int limit)
    {
        var item = CloudEvent();
        item[field] = new string('a', limit + 1);

        var rejected = Assert.Single(Parse(new JsonArray(item).ToJsonString()).Rejected);

        Assert.StartsWith($"{field} is {limit + 1} characters long", rejected.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Parse_EventGridIdWrittenWithEscapes_CharactersCountedNotBytes(int over, bool kept)
    {
        // Six bytes per character: the written length is far over the limit, the read one is not (or just).
        var id = string.Concat(Enumerable.Repeat("\\u0061", IngestionLimits.MaxEventIdChars + over));
        var json = new JsonArray(EventGridEvent("Salesforce.EventMonitoring.ApiAnomalyEvent", new JsonObject { ["Summary"] = "x" }, "ID"))
            .ToJsonString().Replace("\"ID\"", "\"" + id + "\"", StringComparison.Ordinal);

        var parsed = Parse(json);

        Assert.Equal(kept ? 1 : 0, parsed.Events.Count);
        Assert.Equal(kept ? [] : [$"id is {IngestionLimits.MaxEventIdChars + 1} characters long; the limit is {IngestionLimits.MaxEventIdChars}."],
            parsed.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Parse_DuplicateProperty_RejectedNamingItsPath()
    {
        var json = new JsonArray(CloudEvent()).ToJsonString().Replace("\"Summary\":\"text\"", "\"Summary\":\"a\",\"Summary\":\"b\"", StringComparison.Ordinal);

        var rejected = Assert.Single(Parse(json).Rejected);

        Assert.Contains("'data.Summary'", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal("e-1", rejected.EventId);
    }

    [Fact]
    public void Parse_OneEventNestedTooDeep_RejectedAloneAndTheOtherKept()
    {
        var deep = new string('[', 100) + new string(']', 100);
        var json = "[" + new JsonArray(CloudEvent("ok")).ToJsonString()[1..^1] + "," +
                   new JsonArray(CloudEvent("deep", new JsonObject { ["x"] = 1 })).ToJsonString()[1..^1].Replace("{\"x\":1}", "{\"x\":" + deep + "}", StringComparison.Ordinal) + "]";

        var parsed = Parse(json);

        Assert.Equal("ok", Assert.Single(parsed.Events).Id);
        Assert.Contains("nested deeper than", Assert.Single(parsed.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StringData_RejectedWithAKeyStableAcrossRedeliveries()
    {
        var json = new JsonArray(CloudEvent(data: JsonValue.Create("text"))).ToJsonString();

        var first = Assert.Single(Parse(json).Rejected);
        var again = Assert.Single(EventGridDeliveryParser.Parse(Encoding.UTF8.GetBytes(json), Now.AddHours(1)).Rejected);

        Assert.Equal(first.Key, again.Key);
        Assert.Equal(new IncomingEvent("e-1", "/salesforce/orgs/o/ApiAnomalyEventStore", "t", null, default, "").DedupeKey, first.Key);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public void Parse_InvalidUtf8InAField_ReplacedAndEventKept(byte[] bad)
    {
        var json = Encoding.UTF8.GetBytes(new JsonArray(CloudEvent("id-BAD")).ToJsonString());
        var at = json.AsSpan().IndexOf("BAD"u8);
        var body = json[..at].Concat(bad).Concat(json[(at + 3)..]).ToArray();

        var parsed = EventGridDeliveryParser.Parse(body, Now);

        Assert.True(parsed.RepairedUtf8);
        Assert.StartsWith("id-\ufffd", Assert.Single(parsed.Events).Id, StringComparison.Ordinal);
    }
}
