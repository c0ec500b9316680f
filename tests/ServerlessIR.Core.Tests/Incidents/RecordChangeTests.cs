using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>The incident record as a change from the one last written: applied to that one it gives the new record exactly.</summary>
public sealed class RecordChangeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Between_AStepOfALongIncident_IsAFractionOfTheRecordAndAppliesToExactlyTheNewOne()
    {
        var before = Record(version: 7, timeline: 50, firstEntry: 0, notifications: 12) with { Status = IncidentStatus.Containing };
        var after = Record(version: 8, timeline: 50, firstEntry: 3, notifications: 14) with
        {
            Status = IncidentStatus.Contained,
            Obligations = [.. before.Obligations.Select((o, i) => i == 1 ? o with { Status = ObligationStatus.Submitted, Reference = "BSI-1" } : o)],
        };

        var change = RecordChange.Between(before, after);
        var applied = change.Apply(before);

        Assert.NotNull(applied);
        Assert.Equal(Json(after), Json(applied));
        Assert.Equal(8, applied.RecordVersion);
        // The timeline slides by three, two e-mails are added and one obligation changed: that is all the change carries.
        Assert.Equal(3, change.Lists["timeline"].Drop);
        Assert.Equal(3, change.Lists["timeline"].Append.Count);
        Assert.Equal(2, change.Lists["notifications"].Append.Count);
        Assert.Equal([1], change.Lists["obligations"].Replace.Keys);
        Assert.Contains("status", change.Set.Keys);
        Assert.True(Json(change).Length * 4 < Json(after).Length, $"change {Json(change).Length} chars, record {Json(after).Length}");
    }

    [Fact]
    public void Between_FromAShapeGivenTheJournalsHead_IsTheChangeFromTheRecordNamingThatHead()
    {
        var record = Record(version: 3, timeline: 10, firstEntry: 0, notifications: 2);
        var headed = record with { EvidenceRecords = 42, EvidenceHead = "sha256:" + new string('b', 64) };
        var next = Record(version: 4, timeline: 12, firstEntry: 0, notifications: 3) with { EvidenceRecords = 44, EvidenceHead = "sha256:" + new string('c', 64) };

        // The orchestration patches the shape it serialized for the journal instead of serializing the headed record again.
        var change = RecordChange.Between(RecordShape.Of(record).WithHeads(42, [headed.EvidenceHead!]), RecordShape.Of(next));

        Assert.Equal(Json(RecordChange.Between(headed, next)), Json(change));
        Assert.Equal(Json(next), Json(change.Apply(headed)!));
        Assert.Null(change.Apply(record with { RecordVersion = 2 }));
    }

    [Theory]
    [InlineData(IncidentRecord.MaxChars)]
    [InlineData(4_000)]
    [InlineData(500)]
    public void Shape_FromTheTextFitMeasured_IsTheShapeOfTheFittedRecord(int maxChars)
    {
        var before = Record(version: 5, timeline: 50, firstEntry: 0, notifications: 30);
        var after = Record(version: 6, timeline: 50, firstEntry: 4, notifications: 33) with { Status = IncidentStatus.Contained, Ticket = null };

        var fitted = IncidentRecord.Fit(after, out string? json, maxChars);

        // The orchestration builds the shape from the text Fit measured; when the last resort cut the record there is none.
        if (json is not null)
        {
            Assert.Equal(Json(fitted), json);
            Assert.True(json.Length <= maxChars);
        }
        var stored = IncidentRecord.Fit(before, maxChars);
        var change = RecordChange.Between(RecordShape.Of(stored), RecordShape.Of(fitted, json));
        Assert.Equal(Json(RecordChange.Between(stored, fitted)), Json(change));
        Assert.Equal(Json(fitted), Json(change.Apply(stored)!));
    }

    [Fact]
    public void Apply_ToAnotherVersion_ReturnsNullSoTheWholeRecordIsWritten()
    {
        var before = Record(version: 3, timeline: 5, firstEntry: 0, notifications: 1);
        var change = RecordChange.Between(before, Record(version: 4, timeline: 6, firstEntry: 0, notifications: 1));

        Assert.Null(change.Apply(before with { RecordVersion = 4 }));
        Assert.Null(change.Apply(before with { RecordVersion = 2 }));
    }

    [Fact]
    public void Apply_AfterTheDurableRoundTrip_GivesTheSameRecord()
    {
        var before = Record(version: 1, timeline: 20, firstEntry: 0, notifications: 3);
        var after = Record(version: 2, timeline: 22, firstEntry: 0, notifications: 2) with { Ticket = null, Severity = null };

        // As the engine stores an activity input (System.Text.Json, default options) and hands it to the activity.
        var carried = JsonSerializer.Deserialize<RecordChange>(JsonSerializer.Serialize(RecordChange.Between(before, after)))!;

        Assert.Equal(Json(after), Json(carried.Apply(before)!));
    }

    [Fact]
    public void ListChange_ManyEdits_BetweenThenApplyGivesTheNewList()
    {
        var random = new Random(20261202);
        for (var round = 0; round < 2_000; round++)
        {
            var before = new JsonArray([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => (JsonNode)random.Next(0, 6))]);
            var items = before.Select(n => n!.GetValue<int>()).ToList();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                switch (random.Next(4))
                {
                    case 0 when items.Count > 0: items.RemoveRange(0, random.Next(1, items.Count + 1)); break;
                    case 1 when items.Count > 0: items[random.Next(items.Count)] = random.Next(0, 6); break;
                    case 2 when items.Count > 0: items.RemoveAt(random.Next(items.Count)); break;
                    default: items.Add(random.Next(0, 6)); break;
                }
            }
            var after = new JsonArray([.. items.Select(i => (JsonNode)i)]);

            var change = ListChange.Between(before, after);

            // Null means the whole list is as cheap: the record's change then sets it whole.
            if (change is not null)
            {
                Assert.Equal(after.ToJsonString(), change.Apply(before)!.ToJsonString());
            }
        }
    }

    [Fact]
    public void ListChange_Apply_ToAShorterListThanItExpects_ReturnsNull()
    {
        var change = ListChange.Between(new JsonArray(1, 2, 3, 4), new JsonArray(3, 9, 5))!;

        Assert.Null(change.Apply(new JsonArray(1)));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    private static IncidentSummary Record(long version, int timeline, int firstEntry, int notifications) => new()
    {
        Id = "inc-rc",
        OpenedAt = At,
        RecordVersion = version,
        Severity = new SeveritySummary("SEV1", 4, "very-high"),
        Signals = 2,
        DataCategories = ["contact", "financial"],
        Containment = [.. Enumerable.Range(1, 8).Select(i => new ContainmentSummary($"salesforce.step-{i}", ContainmentStatus.Succeeded, 1, $"step {i} done"))],
        Obligations = [.. new[] { "gdpr-art33", "nis2-early-warning", "eu-ai-act-art73" }.Select(r => new ObligationSummary(r, $"authority for {r}", At.AddHours(72), "hard",
            ObligationStatus.Pending, [.. Enumerable.Range(1, 4).Select(h => new CheckpointSummary($"{r} {h * 12}h", At.AddHours(h * 12), null))]))],
        Notifications = [.. Enumerable.Range(0, notifications).Select(i => new NotificationSummary("email", $"template-{i}", "dpo@example.com", At.AddMinutes(i)))],
        Timeline = [.. Enumerable.Range(firstEntry, timeline).Select(i => new TimelineEntry(At.AddMinutes(i), "checkpoint.fired", $"Entry {i}: a sentence of the usual length for a timeline line.", At.AddSeconds(i)))],
        TimelineCount = firstEntry + timeline,
        EvidenceRecords = firstEntry + timeline + 1,
        EvidenceHead = new string('a', 64),
    };
}
