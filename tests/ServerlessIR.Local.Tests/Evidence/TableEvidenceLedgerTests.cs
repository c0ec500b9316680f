using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.Time.Testing;
using Moq;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Local.Evidence;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.KeyVault;
using ServerlessIR.TestSupport.Storage;

namespace ServerlessIR.Local.Tests.Evidence;

[Trait("Category", "Storage")]
[Collection(AzuriteCollection.Name)]
public sealed class TableEvidenceLedgerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Token = "00Dxx!SECRETTOKEN";
    private const string Email = "jane.doe@example.com";
    private const string ContactId = "003xx000004TmiQ";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    // Own tables and container per test: tests can tamper and purge without touching each other.
    private readonly EvidenceStorageOptions options = new()
    {
        TableName = "Ev" + Guid.NewGuid().ToString("N")[..12],
        AnchorTableName = "An" + Guid.NewGuid().ToString("N")[..12],
        AnchorContainerName = "anchors-" + Guid.NewGuid().ToString("N")[..12],
    };

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    private TableClient Table => azurite.Tables.GetTableClient(options.TableName);

    public Task InitializeAsync() => azurite.CreateAsync([options.TableName, options.AnchorTableName], [options.AnchorContainerName]);

    public Task DisposeAsync() => Task.CompletedTask;

    private EvidenceCommandContext Context => new(azurite.Tables, azurite.Blobs, options, clock);

    [Fact]
    public async Task Verify_UntouchedChain_VerifiedWithHead()
    {
        var records = await AppendChainAsync("inc-clean", 10);
        await AnchorAsync("inc-clean", "closed");

        var (exit, output) = await EvidenceAsync("verify", "--incident", "inc-clean");

        Assert.Equal(0, exit);
        Assert.Equal($"verified 10 records, head {records[^1].Hash}", output.Trim());
    }

    [Theory]
    [InlineData("modify", 5, "hash mismatch")]
    [InlineData("delete", 5, "gap")]
    [InlineData("insert", 6, "duplicate")]
    [InlineData("reorder", 5, "out of order")]
    [InlineData("truncate", 9, "truncated")]
    public async Task Verify_TamperedTable_ReportsFirstBadSequence(string tampering, long expectedSequence, string expectedProblem)
    {
        var incident = "inc-" + tampering;
        var records = await AppendChainAsync(incident, 10);
        await AnchorAsync(incident, "closed");

        switch (tampering)
        {
            case "modify":
                var row = (await Table.GetEntityAsync<TableEntity>(incident, Key10(5))).Value;
                row["Summary"] = "nothing to see here";
                await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
                break;
            case "delete":
                await Table.DeleteEntityAsync(incident, Key10(5));
                break;
            case "insert":
                // A well-formed record 6 chained to 5, slipped in before the real 6 (RowKey sorts between).
                var forged = EvidenceHasher.Seal(records[5] with { Summary = "approved by DPO" });
                var entity = TableEvidenceReader.ToEntity(forged);
                entity.RowKey = Key10(5) + "a";
                await Table.AddEntityAsync(entity);
                break;
            case "reorder":
                await SwapRowsAsync(incident, 5, 6);
                break;
            case "truncate":
                await Table.DeleteEntityAsync(incident, Key10(10));
                await Table.DeleteEntityAsync(incident, Key10(9));
                break;
        }

        var (exit, output) = await EvidenceAsync("verify", "--incident", incident);

        Assert.Equal(1, exit);
        Assert.StartsWith($"NOT verified: first bad sequence {expectedSequence}:", output, StringComparison.Ordinal);
        Assert.Contains(expectedProblem, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_SameEntryAgain_ReturnsFirstStoredRecord()
    {
        var ledger = Ledger();
        var entry = Entry(1);
        var first = await ledger.AppendAsync("inc-retry", 1, entry);
        clock.Advance(TimeSpan.FromMinutes(5));

        var again = await ledger.AppendAsync("inc-retry", 1, entry);

        Assert.Equal(first.Hash, again.Hash);
        Assert.Equal(first.WallTime, again.WallTime);
        Assert.Single(await ledger.ReadAsync("inc-retry"));
    }

    [Fact]
    public async Task Append_DifferentEntryAtSameSequence_ThrowsConflict()
    {
        var ledger = Ledger();
        await ledger.AppendAsync("inc-conflict", 1, Entry(1));

        var ex = await Assert.ThrowsAsync<EvidenceConflictException>(() => ledger.AppendAsync("inc-conflict", 1, Entry(1) with { Summary = "other" }));

        Assert.Equal("inc-conflict", ex.IncidentId);
        Assert.Equal(1, ex.Sequence);
        Assert.Contains("summary", ex.Message, StringComparison.Ordinal);
        Assert.Equal("step 1", (await ledger.ReadAsync("inc-conflict"))[0].Summary);
    }

    [Fact]
    public async Task AppendMany_MoreThanOneTransaction_OneChainAsStoredThatVerifies()
    {
        var ledger = Ledger();
        await ledger.AppendAsync("inc-many", 1, Entry(1));
        // 250 after the first: three transactions of at most 100 rows, each chained on from the one before.
        var entries = Enumerable.Range(2, 250).Select(Entry).ToList();

        var appended = await ledger.AppendManyAsync("inc-many", 2, entries);

        var stored = await ledger.ReadAsync("inc-many");
        Assert.Equal(251, stored.Count);
        Assert.Equal(stored.Skip(1).Select(r => (r.Sequence, r.Summary, r.Hash)), appended.Select(r => (r.Sequence, r.Summary, r.Hash)));
        var verification = EvidenceVerifier.Verify("inc-many", stored);
        Assert.True(verification.Verified, verification.Problem);
        Assert.Equal(stored[0].Hash, appended[0].PreviousHash);
    }

    [Fact]
    public async Task AppendMany_LargePayloads_SplitByTheirSizeAndAllStored()
    {
        var ledger = Ledger();
        // 40 rows of 30,000 characters: past what one transaction's body should carry, so it takes several.
        var entries = Enumerable.Range(1, 40)
            .Select(i => Entry(i) with { Payload = new JsonObject { ["i"] = i, ["text"] = new string((char)('a' + i % 26), 30_000) } }).ToList();

        var appended = await ledger.AppendManyAsync("inc-large", 1, entries);

        var stored = await ledger.ReadAsync("inc-large");
        Assert.Equal(40, stored.Count);
        Assert.Equal(appended.Select(r => r.Hash), stored.Select(r => r.Hash));
        Assert.True(EvidenceVerifier.Verify("inc-large", stored).Verified);
    }

    [Fact]
    public async Task AppendMany_RetriedAfterPartWentIn_ReturnsTheStoredRecordsAndAppendsTheRest()
    {
        var ledger = Ledger();
        var entries = Enumerable.Range(1, 5).Select(Entry).ToList();
        var first = await ledger.AppendAsync("inc-many-retry", 1, entries[0]);
        var second = await ledger.AppendAsync("inc-many-retry", 2, entries[1]);
        clock.Advance(TimeSpan.FromMinutes(5));

        var appended = await ledger.AppendManyAsync("inc-many-retry", 1, entries);

        Assert.Equal([first.Hash, second.Hash], appended.Take(2).Select(r => r.Hash));
        Assert.Equal(first.WallTime, appended[0].WallTime);
        var stored = await ledger.ReadAsync("inc-many-retry");
        Assert.Equal(appended.Select(r => r.Hash), stored.Select(r => r.Hash));
        Assert.True(EvidenceVerifier.Verify("inc-many-retry", stored).Verified);

        // The whole journal again: everything stored already, nothing changes.
        var again = await ledger.AppendManyAsync("inc-many-retry", 1, entries);
        Assert.Equal(stored.Select(r => r.Hash), again.Select(r => r.Hash));
        Assert.Equal(5, (await ledger.ReadAsync("inc-many-retry")).Count);
    }

    [Fact]
    public async Task AppendMany_DifferentEntryAtAStoredSequence_ThrowsConflictAndWritesNothingAfterIt()
    {
        var ledger = Ledger();
        await ledger.AppendAsync("inc-many-conflict", 1, Entry(1));
        await ledger.AppendAsync("inc-many-conflict", 2, Entry(2));

        var ex = await Assert.ThrowsAsync<EvidenceConflictException>(() =>
            ledger.AppendManyAsync("inc-many-conflict", 1, [Entry(1), Entry(2) with { Summary = "other" }, Entry(3)]));

        Assert.Equal(2, ex.Sequence);
        Assert.Equal(["step 1", "step 2"], (await ledger.ReadAsync("inc-many-conflict")).Select(r => r.Summary));
    }

    [Fact]
    public async Task AppendMany_PreviousRecordMissing_ThrowsAndWritesNothing()
    {
        var ledger = Ledger();
        await ledger.AppendAsync("inc-many-gap", 1, Entry(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.AppendManyAsync("inc-many-gap", 3, [Entry(3), Entry(4)]));

        Assert.Single(await ledger.ReadAsync("inc-many-gap"));
    }

    [Fact]
    public async Task Append_PreviousRecordMissing_Throws()
    {
        var ledger = Ledger();
        await ledger.AppendAsync("inc-gap", 1, Entry(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.AppendAsync("inc-gap", 3, Entry(3)));
    }

    [Fact]
    public async Task Anchor_RunTwice_SameAnchorInBothStores()
    {
        await AppendChainAsync("inc-anchor", 4);

        var first = await AnchorAsync("inc-anchor", "24h", "eu-ai-act-art73");
        clock.Advance(TimeSpan.FromHours(1));
        var second = await AnchorAsync("inc-anchor", "24h", "eu-ai-act-art73");

        Assert.Equal(first, second);
        Assert.Equal(clock.GetUtcNow().AddHours(-1).AddMonths(6), first.RetainUntil);
        var blobAnchors = await new BlobEvidenceAnchorStore(azurite.Blobs, options).ReadAsync("inc-anchor");
        var tableAnchors = await new TableEvidenceAnchorStore(azurite.Tables, options).ReadAsync("inc-anchor");
        Assert.Equal(first.HeadHash, Assert.Single(blobAnchors).HeadHash);
        Assert.Equal(first.HeadHash, Assert.Single(tableAnchors).HeadHash);
    }

    [Fact]
    public async Task BlobAnchor_DifferentHeadSameCount_NeverOverwritten()
    {
        var store = new BlobEvidenceAnchorStore(azurite.Blobs, options);
        var anchor = new EvidenceAnchor("inc-blob", 3, "sha256:" + new string('a', 64), "closed", clock.GetUtcNow(), clock.GetUtcNow().AddYears(5), []);
        await store.AddAsync(anchor);

        await Assert.ThrowsAsync<EvidenceConflictException>(() => store.AddAsync(anchor with { HeadHash = "sha256:" + new string('b', 64) }));

        Assert.Equal(anchor.HeadHash, Assert.Single(await store.ReadAsync("inc-blob")).HeadHash);
    }

    [Fact]
    public async Task Anchor_TamperedChain_Refused()
    {
        await AppendChainAsync("inc-refuse", 3);
        await Table.DeleteEntityAsync("inc-refuse", Key10(2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => AnchorAsync("inc-refuse", "closed"));
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(7, false)]
    [InlineData(5, true)]
    public async Task Anchor_AfterAnAnchor_VerifiesFromItAndRefusesTamperingFromItOn(long altered, bool deleted)
    {
        var ledger = Ledger();
        await AppendChainAsync("inc-again", 5);
        var first = await AnchorAsync("inc-again", "contained");
        for (var i = 6; i <= 8; i++)
        {
            await ledger.AppendAsync("inc-again", i, Entry(i));
        }
        Assert.Equal(5, (await ledger.ReadFromAsync("inc-again", 5))[0].Sequence);
        Assert.Equal(5, first.RecordCount);

        if (deleted)
        {
            await Table.DeleteEntityAsync("inc-again", Key10(altered));
        }
        else
        {
            var row = (await Table.GetEntityAsync<TableEntity>("inc-again", Key10(altered))).Value;
            row["Summary"] = "nothing to see here";
            await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AnchorAsync("inc-again", "24h"));
        Assert.Contains($"sequence {altered}", refused.Message, StringComparison.Ordinal);
        Assert.Single(await new TableEvidenceAnchorStore(azurite.Tables, options).ReadAsync("inc-again"));
    }

    [Fact]
    public async Task Anchor_AfterAnAnchor_AnchorsTheWholeCountAndAWholeVerifyPasses()
    {
        var ledger = Ledger();
        await AppendChainAsync("inc-twice", 5);
        await AnchorAsync("inc-twice", "contained");
        var records = new List<EvidenceRecord>();
        for (var i = 6; i <= 9; i++)
        {
            records.Add(await ledger.AppendAsync("inc-twice", i, Entry(i)));
        }

        var second = await AnchorAsync("inc-twice", "closed");

        Assert.Equal((9, records[^1].Hash), (second.RecordCount, second.HeadHash));
        var (exit, output) = await EvidenceAsync("verify", "--incident", "inc-twice");
        Assert.Equal(0, exit);
        Assert.Equal($"verified 9 records, head {records[^1].Hash}", output.Trim());
    }

    [Fact]
    public async Task ExportThenOfflineVerify_Passes_TamperedLineFails()
    {
        var ledger = Ledger();
        var entries = IncidentStory();
        for (var i = 0; i < entries.Count; i++)
        {
            await ledger.AppendAsync("inc-export", i + 1, entries[i]);
        }

        await AnchorAsync("inc-export", "closed", "gdpr-art33", "eu-ai-act-art73");
        var dir = Path.Combine(Path.GetTempPath(), "ir-evidence-" + Guid.NewGuid().ToString("N"));

        var (exportExit, _) = await EvidenceAsync("export", "--incident", "inc-export", "--out", dir);
        var (verifyExit, verifyOut) = await EvidenceAsync("verify", "--export", dir);

        Assert.Equal(0, exportExit);
        Assert.Equal(0, verifyExit);
        Assert.StartsWith($"verified {entries.Count} records, head sha256:", verifyOut, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.Combine(dir, "report.md"));
        foreach (var section in new[] { "## Severity rationale", "## Containment", "## Approvals", "## Notices", "## Checkpoints", "## Timeline" })
        {
            Assert.Contains(section, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("| gdpr-art33 | Data Protection Commission | 2026-11-30 10:00:00Z | 2026-11-29 09:00:00Z | met |", markdown, StringComparison.Ordinal);
        Assert.Contains("<style>", await File.ReadAllTextAsync(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "manifest.json")))!;
        Assert.Equal(entries.Count, (long)manifest["recordCount"]!);
        Assert.Equal(entries.Count, (long)manifest["anchor"]!["recordCount"]!);

        var lines = await File.ReadAllLinesAsync(Path.Combine(dir, "records.jsonl"));
        lines[2] = lines[2].Replace("\"summary\":\"", "\"summary\":\"(edited) ", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(dir, "records.jsonl"), lines);
        var (tamperedExit, tamperedOut) = await EvidenceAsync("verify", "--export", dir);

        Assert.Equal(1, tamperedExit);
        Assert.StartsWith("NOT verified: first bad sequence 3: hash mismatch", tamperedOut, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task SecretsAndIdentifiers_NeverStoredOrExported()
    {
        var ledger = Ledger();
        await ledger.AppendAsync("inc-pii", 1, new EvidenceEntry("signal.received", "source:salesforce", $"Einstein export by {Email} with session {Token}", Start, new JsonObject
        {
            ["accessToken"] = Token,
            ["customerEmail"] = Email,
            ["contact"] = new JsonObject { [EvidenceSanitizer.PiiMarker] = ContactId },
            ["headers"] = new JsonObject { ["Authorization"] = "Bearer " + Token },
            ["detail"] = $"customer {Email} downloaded 1,200 rows",
        }));
        await ledger.AppendAsync("inc-pii", 2, new EvidenceEntry(EvidenceKinds.ContainmentSucceeded, "system", $"revoked {Token}", Start.AddMinutes(5), new JsonObject
        {
            ["action"] = "salesforce.revoke-oauth-tokens",
            ["before"] = new JsonObject { ["session"] = Token, ["user"] = new JsonObject { [EvidenceSanitizer.PiiMarker] = Email } },
            ["after"] = "revoked",
        }));
        await AnchorAsync("inc-pii", "closed");
        var dir = Path.Combine(Path.GetTempPath(), "ir-evidence-" + Guid.NewGuid().ToString("N"));
        await EvidenceAsync("export", "--incident", "inc-pii", "--out", dir);
        var register = Path.Combine(dir, "register.csv");
        await EvidenceAsync("register", "--out", register);

        var stored = new List<string>();
        foreach (var table in new[] { options.TableName, options.AnchorTableName })
        {
            await foreach (var entity in azurite.Tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                stored.AddRange(entity.Select(p => $"{p.Key}={p.Value}"));
            }
        }

        await foreach (var blob in azurite.Blobs.GetBlobContainerClient(options.AnchorContainerName).GetBlobsAsync())
        {
            stored.Add((await azurite.Blobs.GetBlobContainerClient(options.AnchorContainerName).GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        }

        stored.AddRange(await Task.WhenAll(Directory.GetFiles(dir).Select(f => File.ReadAllTextAsync(f))));
        var everything = string.Join("\n", stored);

        Assert.Equal(5, Directory.GetFiles(dir).Length);
        Assert.Contains("psn:", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETTOKEN", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Email, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ContactId, everything, StringComparison.OrdinalIgnoreCase);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Purge_WithinRetention_KeptAndDeleteRefused_AfterRetention_Deleted()
    {
        var ledger = Ledger();
        await AppendChainAsync("inc-keep", 3);
        await AnchorAsync("inc-keep", "closed", "us-hipaa");
        await AppendChainAsync("inc-unanchored", 2);

        Assert.Empty(await ledger.PurgeExpiredAsync(clock.GetUtcNow().AddYears(5)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.DeleteIncidentAsync("inc-keep", clock.GetUtcNow().AddYears(5)));
        Assert.Equal(3, (await ledger.ReadAsync("inc-keep")).Count);

        var purged = await ledger.PurgeExpiredAsync(clock.GetUtcNow().AddYears(6));

        Assert.Equal(["inc-keep"], purged);
        Assert.Empty(await ledger.ReadAsync("inc-keep"));
        Assert.Equal(2, (await ledger.ReadAsync("inc-unanchored")).Count);
    }

    [Fact]
    public async Task Register_TwoIncidents_OneRowEach()
    {
        var ledger = Ledger();
        var story = IncidentStory();
        for (var i = 0; i < story.Count; i++)
        {
            await ledger.AppendAsync("inc-reg-a", i + 1, story[i]);
        }

        await ledger.AppendAsync("inc-reg-b", 1, new EvidenceEntry(EvidenceKinds.IncidentOpened, "system", "Opened: low-risk misdirected e-mail", Start.AddDays(1), new JsonObject { ["aiSystem"] = "service-reply-assistant" }));
        await ledger.AppendAsync("inc-reg-b", 2, new EvidenceEntry(EvidenceKinds.AssessmentCompleted, "system", "Assessed SEV4", Start.AddDays(1), new JsonObject
        {
            ["severity"] = new JsonObject { ["level"] = "SEV4", ["enisaScore"] = 1.25, ["enisaLevel"] = "low", ["rationale"] = new JsonArray("unintelligible data") },
            ["notifySupervisoryAuthority"] = false,
            ["notifyDataSubjects"] = false,
        }));
        var file = Path.Combine(Path.GetTempPath(), "ir-register-" + Guid.NewGuid().ToString("N") + ".csv");

        var (exit, _) = await EvidenceAsync("register", "--out", file);

        Assert.Equal(0, exit);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal("incident,opened,status,aiSystem,facts,effects,remedialAction,notified,reasons", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("inc-reg-a,", StringComparison.Ordinal) && l.Contains("checkout-fraud-scoring", StringComparison.Ordinal) && l.Contains("yes: gdpr-art33", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("inc-reg-b,", StringComparison.Ordinal) && l.Contains(",no,", StringComparison.Ordinal) && l.Contains("not required (severity SEV4)", StringComparison.Ordinal));
        File.Delete(file);
    }

    [Fact]
    public async Task Verify_SignedAnchors_VerifiedThenAlteredAnchorRowFailsItsSignature()
    {
        await using var keys = await LocalAnchorKeys.StartAsync(NewAnchorKey());
        await AppendChainAsync("inc-signed", 4);
        await AnchorAsync("inc-signed", "containment done", keys.Verifier);
        var signed = Context with { Signatures = keys.Verifier };

        var (exit, _) = await EvidenceAsync(signed, "verify", "--incident", "inc-signed");
        var anchors = azurite.Tables.GetTableClient(options.AnchorTableName);
        var row = (await anchors.GetEntityAsync<TableEntity>("inc-signed", Key10(4))).Value;
        row["RetainUntil"] = "2026-12-01T00:00:00.0000000Z";
        await anchors.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        var (altered, output) = await EvidenceAsync(signed, "verify", "--incident", "inc-signed");

        Assert.Equal(0, exit);
        Assert.Equal(1, altered);
        Assert.Contains("signature: anchor 'containment done' at record 4 has a signature that does not verify", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnchorSignedByAnotherKey_Refused()
    {
        await using var trusted = await LocalAnchorKeys.StartAsync(NewAnchorKey());
        await using var other = await LocalAnchorKeys.StartAsync(NewAnchorKey());
        await AppendChainAsync("inc-other-key", 3);
        await AnchorAsync("inc-other-key", "closed", other.Verifier);

        var (exit, output) = await EvidenceAsync(Context with { Signatures = trusted.Verifier }, "verify", "--incident", "inc-other-key");

        Assert.Equal(1, exit);
        Assert.Contains("not by the evidence key", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, "5 of 5 anchored records missing")]
    [InlineData(2, "2 of 5 anchored records missing")]
    public async Task VerifyAndRegister_IncidentRowsDeleted_BothReportThem(int deleted, string expected)
    {
        await AppendChainAsync("inc-gone", 5);
        await AnchorAsync("inc-gone", "containment done");
        for (var sequence = 5; sequence > 5 - deleted; sequence--)
        {
            await Table.DeleteEntityAsync("inc-gone", Key10(sequence));
        }
        var file = Path.Combine(Path.GetTempPath(), "ir-register-" + Guid.NewGuid().ToString("N") + ".csv");

        var (verifyExit, verifyOutput) = await EvidenceAsync("verify", "--incident", "inc-gone");
        var (registerExit, registerOutput) = await EvidenceAsync("register", "--out", file);
        var lines = await File.ReadAllLinesAsync(file);
        File.Delete(file);

        Assert.Equal(1, verifyExit);
        Assert.Contains($"first bad sequence {6 - deleted}: truncated", verifyOutput, StringComparison.Ordinal);
        Assert.Equal(0, registerExit);
        Assert.Contains("1 with records missing: inc-gone", registerOutput, StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.StartsWith("inc-gone,", StringComparison.Ordinal));
        Assert.Contains(",records missing,", row, StringComparison.Ordinal);
        Assert.Contains(expected, row, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> NewAnchorKey() =>
        new() { [LocalSecrets.AnchorSigningKey] = Convert.ToBase64String(KeyVaultKeysStandInState.NewPrivateKey()) };

    [Fact]
    [Trait("Category", "Bench")]
    public async Task Bench_TenThousandRecords_PrintsVerifyRate()
    {
        var output = new StringWriter();

        var exit = await EvidenceBench.RunAsync(Context, output);

        Console.WriteLine(output.ToString());
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "ir-evidence-bench.txt"), output.ToString());
        Assert.Equal(0, exit);
        Assert.Contains("verified 10000 records", output.ToString(), StringComparison.Ordinal);
    }

    private TableEvidenceLedger Ledger() => new(
        new TableEvidenceReader(azurite.Tables, options),
        new EvidenceSanitizer(new Pseudonymizer(Key)),
        new TableEvidenceAnchorStore(azurite.Tables, options),
        clock);

    private async Task<IReadOnlyList<EvidenceRecord>> AppendChainAsync(string incidentId, int count)
    {
        var ledger = Ledger();
        var records = new List<EvidenceRecord>();
        for (var i = 1; i <= count; i++)
        {
            records.Add(await ledger.AppendAsync(incidentId, i, Entry(i)));
        }

        return records;
    }

    private Task<AnchorResult> AnchorAsync(string incidentId, string reason, params string[] regimes) => AnchorAsync(incidentId, reason, null, regimes);

    private async Task<AnchorResult> AnchorAsync(string incidentId, string reason, IAnchorSigner? signer, params string[] regimes)
    {
        var activity = new AnchorEvidenceActivity(
            Ledger(),
            [new TableEvidenceAnchorStore(azurite.Tables, options), new BlobEvidenceAnchorStore(azurite.Blobs, options)],
            new RetentionPolicy(new RetentionOptions()),
            clock,
            signer is null ? [] : [signer]);
        return await activity.RunAsync(Mock.Of<TaskActivityContext>(), new AnchorRequest(incidentId, reason, regimes));
    }

    private Task<(int Exit, string Output)> EvidenceAsync(params string[] args) => EvidenceAsync(Context, args);

    private static async Task<(int Exit, string Output)> EvidenceAsync(EvidenceCommandContext context, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await EvidenceCommand.RunAsync(args, context, stdout, stderr);
        return (exit, stdout.ToString() + stderr);
    }

    // Swaps everything but the keys, as someone editing rows to change the order of events would.
    private async Task SwapRowsAsync(string incidentId, long a, long b)
    {
        var first = (await Table.GetEntityAsync<TableEntity>(incidentId, Key10(a))).Value;
        var second = (await Table.GetEntityAsync<TableEntity>(incidentId, Key10(b))).Value;
        var swappedFirst = new TableEntity(incidentId, first.RowKey);
        var swappedSecond = new TableEntity(incidentId, second.RowKey);
        foreach (var (name, value) in second.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            swappedFirst[name] = value;
        }

        foreach (var (name, value) in first.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            swappedSecond[name] = value;
        }

        await Table.UpdateEntityAsync(swappedFirst, ETag.All, TableUpdateMode.Replace);
        await Table.UpdateEntityAsync(swappedSecond, ETag.All, TableUpdateMode.Replace);
    }

    private static string Key10(long sequence) => sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    private static EvidenceEntry Entry(int i) =>
        new("step.done", "system", $"step {i}", Start.AddMinutes(i), new JsonObject { ["i"] = i });

    private static List<EvidenceEntry> IncidentStory() =>
    [
        new(EvidenceKinds.IncidentOpened, "source:salesforce-threat-detection", "Opened: anomalous report export via Einstein", Start,
            new JsonObject { ["aiSystem"] = "checkout-fraud-scoring" }),
        new(EvidenceKinds.AssessmentCompleted, "system", "Assessed SEV1", Start.AddMinutes(2), new JsonObject
        {
            ["severity"] = new JsonObject { ["level"] = "SEV1", ["enisaScore"] = 3.75, ["enisaLevel"] = "high", ["rationale"] = new JsonArray("financial data (DPC 3)", "malicious intent (+0.5)") },
            ["notifySupervisoryAuthority"] = true,
            ["notifyDataSubjects"] = true,
            ["facts"] = new JsonObject { ["dataCategories"] = new JsonArray("contact", "financial"), ["subjectCount"] = 12000, ["jurisdictions"] = new JsonArray("DE", "FR") },
            ["obligations"] = new JsonArray(
                new JsonObject { ["regime"] = "gdpr-art33", ["recipient"] = "Data Protection Commission", ["deadline"] = "2026-11-30T10:00:00Z", ["deadlineKind"] = "fixed" },
                new JsonObject { ["regime"] = "eu-ai-act-art73", ["recipient"] = "Market surveillance authority", ["deadline"] = "2026-12-12T09:00:00Z", ["deadlineKind"] = "fixed" }),
        }),
        new(EvidenceKinds.ContainmentSucceeded, "system", "Revoked OAuth tokens of the integration user", Start.AddMinutes(3), new JsonObject
        {
            ["action"] = "salesforce.revoke-oauth-tokens", ["before"] = "3 active tokens", ["after"] = "0 active tokens", ["attempts"] = 2,
        }),
        new(EvidenceKinds.ApprovalRequested, "system", "Approval requested: freeze user", Start.AddMinutes(4), new JsonObject { ["action"] = "salesforce.freeze-user", ["tier"] = 1 }),
        new(EvidenceKinds.ApprovalDecided, "approver:ciso@contoso.example", "Freeze approved", Start.AddMinutes(18), new JsonObject
        {
            ["action"] = "salesforce.freeze-user", ["decision"] = "Approved", ["by"] = "ciso@contoso.example", ["tier"] = 1,
        }),
        new(EvidenceKinds.CheckpointFired, "system", "24h checkpoint", Start.AddHours(24), new JsonObject
        {
            ["name"] = "24h", ["regime"] = "gdpr-art33", ["dueAt"] = "2026-11-28T10:00:00Z", ["firedAt"] = "2026-11-28T10:00:00Z",
        }),
        new(EvidenceKinds.ObligationSubmitted, "approver:dpo@contoso.example", "GDPR Art. 33 notice submitted", Start.AddHours(47), new JsonObject
        {
            ["regime"] = "gdpr-art33", ["recipient"] = "Data Protection Commission", ["deadline"] = "2026-11-30T10:00:00Z", ["submittedAt"] = "2026-11-29T09:00:00Z",
        }),
        new(EvidenceKinds.IncidentClosed, "system", "Closed", Start.AddHours(96), new JsonObject { ["status"] = "Closed" }),
    ];
}
