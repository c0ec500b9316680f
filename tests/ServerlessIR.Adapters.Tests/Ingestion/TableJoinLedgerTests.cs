using Azure;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Adapters.Tests.Ingestion;

/// <summary>The join ledger against Azurite: quiet joins wait, one wake at a time, batches are made once, the final take seals.</summary>
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
    public async Task TakeAsync_SignalsWithLongReferences_BatchesStayWithinATablePropertyAndTogetherHoldEveryOne()
    {
        var (ledger, table) = await OpenAsync("jsize");
        var ids = Enumerable.Range(0, IJoinLedger.MaxBatch).Select(i => $"s{i:D3}").ToList();
        foreach (var id in ids)
        {
            // A reference naming a delivery's blob, its slice and its hash, padded: 64 of these are over 64,000 characters.
            var signal = Signal(id) with { PayloadRef = "blob:raw-alerts/d-" + new string('a', 64) + ".jsonl#" + id + "#" + new string('0', 900) };
            await ledger.TryRecordAsync(Incident, signal, "sha256:" + new string('f', 64));
        }

        var batches = new List<JoinBatch>();
        for (var number = 1; batches.Count == 0 || batches[^1].More; number++)
        {
            batches.Add(await ledger.TakeAsync(Incident, number));
        }

        Assert.True(batches.Count > 1, "one batch of 64 such signals cannot fit one Table property");
        Assert.Equal(ids, batches.SelectMany(b => b.Signals).Select(s => s.Id).Order(StringComparer.Ordinal));
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "join-" + Incident))
        {
            if (row.RowKey.StartsWith("b-", StringComparison.Ordinal))
            {
                Assert.True(row.GetString("Signals").Length <= TableJoinLedger.MaxBatchChars, $"{row.RowKey}: {row.GetString("Signals").Length} characters");
            }
        }
    }

    [Fact]
    public async Task TryRecordAsync_AfterATake_AsksForAWakeAgain()
    {
        var (ledger, _) = await OpenAsync("jagain");
        await ledger.TryRecordAsync(Incident, Signal("s1"), "sha256:1");
        await ledger.TakeAsync(Incident, 1);

        Assert.Equal(QuietJoin.RecordedWake, await ledger.TryRecordAsync(Incident, Signal("s2"), "sha256:2"));
    }

    [Fact]
    public async Task TryRecordAsync_AfterTheSeal_ClosedAndNothingWaits()
    {
        var (ledger, _) = await OpenAsync("jsealed");
        await ledger.SealAsync(Incident);

        var outcome = await ledger.TryRecordAsync(Incident, Signal("late"), "sha256:late");
        var after = await ledger.TakeAsync(Incident, 1);

        Assert.Equal(QuietJoin.Closed, outcome);
        Assert.Empty(after.Signals);
    }

    [Fact]
    public async Task TryRecordAsync_FinalTakeBetweenRecordAndFlagRead_FinalBatchHoldsItAndAnswerIsRecorded()
    {
        var (incident, table) = await OpenAsync("jracetake");
        var racing = new RacingTable(table);
        var joining = new TableJoinLedger(new SingleTableService(racing), new TableNames(new StorageOptions()));
        JoinBatch? final = null;
        // The incident's final take runs after the join wrote its row and before it reads the flag: the take must get it.
        racing.BeforeFlagRead = async () =>
        {
            await incident.SealAsync(Incident);
            final = await incident.TakeAsync(Incident, 1);
        };

        var outcome = await joining.TryRecordAsync(Incident, Signal("late"), "sha256:late");

        Assert.True(racing.Raced);
        Assert.Equal(QuietJoin.Recorded, outcome);
        Assert.Equal(["late"], final!.Signals.Select(s => s.Id));
    }

    [Fact]
    public async Task TryRecordAsync_SealBetweenRecordAndFlagRead_WithdrawnAnswerIsClosedAndFinalTakeFindsNothing()
    {
        var (incident, table) = await OpenAsync("jraceseal");
        var racing = new RacingTable(table);
        var joining = new TableJoinLedger(new SingleTableService(racing), new TableNames(new StorageOptions()));
        // Sealed after the join wrote its row, read by the final take only after the join looked: one of the two must own it.
        racing.BeforeFlagRead = () => incident.SealAsync(Incident);

        var outcome = await joining.TryRecordAsync(Incident, Signal("late"), "sha256:late");
        var final = await incident.TakeAsync(Incident, 1);

        Assert.True(racing.Raced);
        Assert.Equal(QuietJoin.Closed, outcome);
        Assert.Empty(final.Signals);
    }

    /// <summary>The ledger's one table, handed to a ledger that asks the service for it by name.</summary>
    private sealed class SingleTableService(TableClient table) : TableServiceClient
    {
        public override TableClient GetTableClient(string tableName) => table;
    }

    /// <summary>
    /// The real table, with a pause after a join has written its waiting row and before it next reads the scope row, in
    /// which a test runs the incident's side of the race.
    /// </summary>
    private sealed class RacingTable(TableClient inner) : TableClient
    {
        private bool recorded;

        public Func<Task>? BeforeFlagRead { get; set; }

        public bool Raced { get; private set; }

        public override async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        {
            var response = await inner.AddEntityAsync(entity, cancellationToken);
            recorded |= entity.RowKey.StartsWith("p-", StringComparison.Ordinal);
            return response;
        }

        public override async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey,
            IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        {
            if (recorded && BeforeFlagRead is { } race)
            {
                BeforeFlagRead = null;
                Raced = true;
                await race();
            }
            return await inner.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
        }

        public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge,
            CancellationToken cancellationToken = default) => inner.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);

        public override Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default,
            CancellationToken cancellationToken = default) => inner.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);

        public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
            CancellationToken cancellationToken = default) => inner.QueryAsync<T>(filter, maxPerPage, select, cancellationToken);

        public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions,
            CancellationToken cancellationToken = default) => inner.SubmitTransactionAsync(transactionActions, cancellationToken);
    }
}
