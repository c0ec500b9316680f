using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Moq;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>The journal that ends a step: evidence, anchor and record in one activity, each part as idempotent as its own activity.</summary>
public sealed class JournalIncidentActivityTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<NoticeRenderer> Renderer = new(() => NoticeRenderer.FromDefaultLocation());

    private readonly MemoryLedger ledger = new();
    private readonly MemoryAnchors anchors = new();
    private readonly MemoryIncidents store = new();
    private readonly Mock<IMailSender> mail = new();

    [Fact]
    public async Task RunAsync_EntriesAnchorAndRecord_AppendsInOrderAnchorsTheNewHeadAndWritesTheRecordWithIt()
    {
        await ledger.AppendAsync("inc-j1", 1, Entry("incident.opened"));

        var result = await RunAsync(new JournalRequest("inc-j1", 2, [Entry("checkpoint.fired"), Entry("notification.sent")], Anchor("inc-j1"),
            Record("inc-j1", 3)));

        var records = await ledger.ReadAsync("inc-j1");
        Assert.Equal(["incident.opened", "checkpoint.fired", "notification.sent"], records.Select(r => r.Kind));
        Assert.Equal(records.Skip(1).Select(r => r.Hash), result.Heads);
        var anchor = Assert.Single(await anchors.ReadAsync("inc-j1"));
        Assert.Equal((3, records[^1].Hash), (anchor.RecordCount, anchor.HeadHash));
        Assert.Equal((3, records[^1].Hash), (result.Anchor!.RecordCount, result.Anchor.HeadHash));
        Assert.True(EvidenceVerifier.Verify("inc-j1", records).Verified);
        // The record shows the entries the ledger now holds, with the head only the append could know.
        var stored = store.Rows["inc-j1"];
        Assert.Equal((3L, records[^1].Hash), (stored.EvidenceRecords, stored.EvidenceHead));
    }

    [Fact]
    public async Task RunAsync_RetriedAfterTheRecordFailed_AppendsTheEntryOnceAndWritesTheRecord()
    {
        var request = new JournalRequest("inc-j2", 1, [Entry("approval.decided")], null, Record("inc-j2", 1));
        store.Fail = _ => true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(request));
        store.Fail = null;

        var result = await RunAsync(request);

        var record = Assert.Single(await ledger.ReadAsync("inc-j2"));
        Assert.Equal([record.Hash], result.Heads);
        Assert.Equal(record.Hash, store.Rows["inc-j2"].EvidenceHead);
        Assert.Null(result.Anchor);
    }

    [Fact]
    public async Task RunAsync_EntriesWithoutRecord_AppendsAndLeavesTheStoredRecordAlone()
    {
        var result = await RunAsync(new JournalRequest("inc-j4", 1, [Entry("checkpoint.fired"), Entry("task.escalated")], null, null));

        Assert.Equal(2, result.Heads.Count);
        Assert.Equal(2, (await ledger.ReadAsync("inc-j4")).Count);
        Assert.False(store.Rows.ContainsKey("inc-j4"));
    }

    [Fact]
    public async Task RunAsync_NoEntries_AnchorsTheChainAsItIsAndWritesTheRecordUnchanged()
    {
        var first = await ledger.AppendAsync("inc-j3", 1, Entry("checkpoint.fired"));
        var record = Record("inc-j3", 1) with { EvidenceHead = first.Hash };

        var result = await RunAsync(new JournalRequest("inc-j3", 2, [], Anchor("inc-j3"), record));

        Assert.Empty(result.Heads);
        Assert.Single(await ledger.ReadAsync("inc-j3"));
        Assert.Equal(first.Hash, Assert.Single(await anchors.ReadAsync("inc-j3")).HeadHash);
        Assert.Equal(record, store.Rows["inc-j3"]);
    }

    [Fact]
    public async Task RunAsync_WithMessages_SendsEachUnderItsKeyBeforeTheEntriesAreAppended()
    {
        var sentWhen = new List<int>();
        mail.Setup(m => m.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns(async () => sentWhen.Add((await ledger.ReadAsync("inc-j5")).Count));

        var result = await RunAsync(new JournalRequest("inc-j5", 1, [Entry("checkpoint.fired"), Entry("notification.sent")], null, Record("inc-j5", 2))
        {
            Messages = [new JournalMessage(Email("inc-j5/notify/1/checkpoint-reminder"), null)],
        });

        // Sent once, under the orchestration's key, while the ledger held none of the step's entries yet.
        Assert.Equal([0], sentWhen);
        mail.Verify(m => m.SendAsync(It.Is<EmailMessage>(e => e.IdempotencyKey == "inc-j5/notify/1/checkpoint-reminder"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(2, result.Heads.Count);
    }

    [Fact]
    public async Task RunAsync_MessageFails_ThrowsAndWritesNoEntryAndNoRecord()
    {
        mail.Setup(m => m.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("Graph 503"));

        await Assert.ThrowsAsync<HttpRequestException>(() => RunAsync(new JournalRequest("inc-j6", 1, [Entry("notification.sent")], null, Record("inc-j6", 1))
        {
            Messages = [new JournalMessage(Email("inc-j6/notify/1/deadline-missed"), null)],
        }));

        // A notification.sent record never stands for a message that did not go out; the retry sends and writes both.
        Assert.Empty(await ledger.ReadAsync("inc-j6"));
        Assert.False(store.Rows.ContainsKey("inc-j6"));
    }

    [Fact]
    public async Task RunAsync_ChangeFollowingTheStoredRecord_WritesTheChangedRecordWithTheNewHead()
    {
        var stored = Record("inc-j7", 0) with { RecordVersion = 4, Signals = 1 };
        store.Rows["inc-j7"] = stored;
        var wanted = stored with { RecordVersion = 5, Signals = 2, Status = IncidentStatus.Contained };

        var result = await RunAsync(new JournalRequest("inc-j7", 1, [Entry("signal.joined")], null, null) { Change = RecordChange.Between(stored, wanted) });

        Assert.False(result.RecordStale);
        Assert.Equal(Json(wanted with { EvidenceRecords = 1, EvidenceHead = Assert.Single(result.Heads) }), Json(store.Rows["inc-j7"]));
    }

    [Fact]
    public async Task RunAsync_ChangeNotFollowingTheStoredRecord_LeavesItAndSaysSo()
    {
        var based = Record("inc-j8", 0) with { RecordVersion = 4 };
        store.Rows["inc-j8"] = based with { RecordVersion = 3 };
        var change = RecordChange.Between(based, based with { RecordVersion = 5, Signals = 9 });

        var result = await RunAsync(new JournalRequest("inc-j8", 1, [Entry("signal.joined")], null, null) { Change = change });

        Assert.True(result.RecordStale);
        Assert.Equal(Json(based with { RecordVersion = 3 }), Json(store.Rows["inc-j8"]));
        Assert.Single(await ledger.ReadAsync("inc-j8"));
    }

    [Fact]
    public async Task RunAsync_ChangeRetriedAfterItsWrite_LeavesTheWrittenRecord()
    {
        var stored = Record("inc-j9", 0) with { RecordVersion = 1 };
        store.Rows["inc-j9"] = stored;
        var request = new JournalRequest("inc-j9", 1, [Entry("signal.joined")], null, null)
        {
            Change = RecordChange.Between(stored, stored with { RecordVersion = 2, Signals = 3 }),
        };
        await RunAsync(request);
        var written = store.Rows["inc-j9"];

        var retried = await RunAsync(request);

        Assert.False(retried.RecordStale);
        Assert.Same(written, store.Rows["inc-j9"]);
        Assert.Equal(3, written.Signals);
    }

    private Task<JournalResult> RunAsync(JournalRequest request) =>
        new JournalIncidentActivity(ledger, [anchors], new RetentionPolicy(new RetentionOptions()), TimeProvider.System, [], store,
                mail.Object, Mock.Of<ITeamsTransport>(), Renderer.Value, Mock.Of<IPlaybookProvider>())
            .RunAsync(Mock.Of<TaskActivityContext>(), request);

    private static NotificationRequest Email(string key) =>
        new(key.Split('/')[0], key, key.Split('/')[^1], "ir-bot@example.com", ["dpo@example.com"], "Reminder", new Dictionary<string, string> { ["Deadline"] = "soon" });

    private static EvidenceEntry Entry(string kind) => new(kind, "system", kind, At, new JsonObject { ["kind"] = kind });

    private static AnchorRequest Anchor(string id) => new(id, "test", ["gdpr-art33"]);

    private static string Json(IncidentSummary record) => JsonSerializer.Serialize(record, JsonSerializerOptions.Web);

    private static IncidentSummary Record(string id, long records) => new() { Id = id, OpenedAt = At, EvidenceRecords = records };
}
