using Azure.Data.Tables;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Adapters.Tests.Ingestion;

/// <summary>The join ledger against Azurite: quiet joins wait, one wake at a time, batches are made once.</summary>
[Trait("Category", "Storage")]
[Collection(Evidence.AzuriteCollection.Name)]
public sealed class TableJoinLedgerTests(AzuriteFixture azurite)
{
    private const string Incident = "inc-20261130-0123456789";

    private static Signal Signal(string id, string[]? jurisdictions = null) => new()
    {
        Id = id,
        Source = "serverlessir",
        Kind = "ai-data-leak",
        OccurredAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        AiSystemId = "checkout-fraud-scoring",
        DataCategories = ["contact"],
        Jurisdictions = jurisdictions ?? ["DE"],
        SubjectCount = 100,
        Summary = "leak",
        PayloadRef = "blob:raw-alerts/" + id + ".json",
    };

    private async Task<(TableJoinLedger Ledger, TableClient Table)> OpenAsync(string hint)
    {
        var names = new TableNames(new StorageOptions { Prefix = TestStorageAccount.NewPrefix(hint) });
        await azurite.CreateAsync([names.Correlation]);
        var ledger = new TableJoinLedger(azurite.Tables, names);
        await ledger.OpenAsync(Incident, IncidentScope.Of([Signal("first")]));
        return (ledger, azurite.Tables.GetTableClient(names.Correlation));
    }

    [Fact]
    public async Task TryRecordAsync_ThreeQuietJoins_OnlyTheFirstAsksForAWake()
    {
        var (ledger, _) = await OpenAsync("jwake");

        var outcomes = new List<QuietJoin>();
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            outcomes.Add(await ledger.TryRecordAsync(Incident, Signal(id), "sha256:" + id));
        }

        Assert.Equal([QuietJoin.RecordedWake, QuietJoin.Recorded, QuietJoin.Recorded], outcomes);
    }

    [Fact]
    public async Task TryRecordAsync_WideningSignalOrUnknownIncident_Declined()
    {
        var (ledger, _) = await OpenAsync("jdecline");

        Assert.Equal(QuietJoin.Declined, await ledger.TryRecordAsync(Incident, Signal("s1", jurisdictions: ["FR"]), "sha256:1"));
        Assert.Equal(QuietJoin.Declined, await ledger.TryRecordAsync("inc-20261130-unknown000", Signal("s2"), "sha256:2"));
    }

    [Fact]
    public async Task WidenAsync_NewJurisdiction_LaterSignalWithItJoinsQuietly()
    {
        var (ledger, _) = await OpenAsync("jwiden");

        await ledger.WidenAsync(Incident, Signal("s1", jurisdictions: ["FR"]));

        Assert.Equal(QuietJoin.RecordedWake, await ledger.TryRecordAsync(Incident, Signal("s2", jurisdictions: ["FR", "DE"]), "sha256:2"));
    }

    [Fact]
    public async Task TakeAsync_WaitingSignals_BatchHoldsEachOnceAndRetryReturnsTheSameBatch()
    {
        var (ledger, _) = await OpenAsync("jtake");
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            await ledger.TryRecordAsync(Incident, Signal(id), "sha256:" + id);
        }

        var first = await ledger.TakeAsync(Incident, 1);
        var retried = await ledger.TakeAsync(Incident, 1);
        var next = await ledger.TakeAsync(Incident, 2);

        Assert.Equal(["s1", "s2", "s3"], first.Signals.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal("sha256:s2", first.Signals.Single(s => s.Id == "s2").Hash);
        Assert.Equal(first.Signals.Select(s => s.Id), retried.Signals.Select(s => s.Id));
        Assert.Empty(next.Signals);
    }

    [Fact]
    public async Task TakeAsync_MoreThanOneBatchWaiting_SaysMoreAndNextTakesTheRest()
    {
        var (ledger, _) = await OpenAsync("jmore");
        var ids = Enumerable.Range(0, IJoinLedger.MaxBatch + 5).Select(i => $"s{i:D3}").ToList();
        foreach (var id in ids)
        {
            await ledger.TryRecordAsync(Incident, Signal(id), "sha256:" + id);
        }

        var first = await ledger.TakeAsync(Incident, 1);
        var second = await ledger.TakeAsync(Incident, 2);

        Assert.True(first.More);
        Assert.Equal(IJoinLedger.MaxBatch, first.Signals.Count);
        Assert.False(second.More);
        Assert.Equal(ids, first.Signals.Concat(second.Signals).Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TryRecordAsync_AfterATake_AsksForAWakeAgain()
    {
        var (ledger, _) = await OpenAsync("jagain");
        await ledger.TryRecordAsync(Incident, Signal("s1"), "sha256:1");
        await ledger.TakeAsync(Incident, 1);

        Assert.Equal(QuietJoin.RecordedWake, await ledger.TryRecordAsync(Incident, Signal("s2"), "sha256:2"));
    }
}
